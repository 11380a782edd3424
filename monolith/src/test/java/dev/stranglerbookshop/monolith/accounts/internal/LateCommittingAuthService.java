package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.monolith.migration.GrpcStandIn;
import dev.stranglerbookshop.proto.auth.v1.AuthServiceGrpc;
import dev.stranglerbookshop.proto.auth.v1.RegisterRequest;
import dev.stranglerbookshop.proto.auth.v1.User;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * An auth-service stand-in on a real gRPC server whose registration does its work (the test's: typically committing
 * the account to the real database) and only then waits, past the monolith's deadline, before it answers: a
 * registration committed too late for its caller.
 */
public class LateCommittingAuthService extends AuthServiceGrpc.AuthServiceImplBase
        implements QuarkusTestResourceLifecycleManager {

    /** What a registration does before it waits (may throw a {@link StatusRuntimeException} to answer that). */
    private static final AtomicReference<Function<RegisterRequest, User>> WORK = new AtomicReference<>();
    private static final AtomicReference<Duration> WAIT = new AtomicReference<>(Duration.ZERO);
    private GrpcStandIn server;

    static void script(Function<RegisterRequest, User> work, Duration waitAfterwards) {
        WORK.set(work);
        WAIT.set(waitAfterwards);
    }

    @Override
    public void register(RegisterRequest request, StreamObserver<User> answer) {
        try {
            User user = WORK.get().apply(request);
            Thread.sleep(WAIT.get().toMillis());
            answer.onNext(user);
            answer.onCompleted();
        } catch (StatusRuntimeException refused) {
            sleepQuietly();
            answer.onError(refused);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(WAIT.get().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Map<String, String> start() {
        server = GrpcStandIn.start(this, "auth");
        return server.clientConfig();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
