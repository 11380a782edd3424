package dev.stranglerbookshop.monolith.accounts.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import dev.stranglerbookshop.monolith.accounts.Roles;
import dev.stranglerbookshop.monolith.accounts.UserView;
import dev.stranglerbookshop.platform.problem.ProblemException;
import dev.stranglerbookshop.proto.auth.v1.AuthServiceGrpc;
import dev.stranglerbookshop.proto.auth.v1.AuthenticateRequest;
import dev.stranglerbookshop.proto.auth.v1.Role;
import dev.stranglerbookshop.proto.auth.v1.User;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * auth-service over gRPC, answering in the monolith's terms: its business errors become the same problems the
 * module gives; anything else (down, slow, broken) is {@link Unavailable}, which the circuit breaker counts. Every
 * call has a deadline; the breaker opens after repeated failures so a dead service costs nothing per request.
 */
@ApplicationScoped
public class AuthServiceClient {

    private final AuthServiceGrpc.AuthServiceBlockingStub stub;
    private final Duration deadline;

    AuthServiceClient(@GrpcClient("auth") AuthServiceGrpc.AuthServiceBlockingStub stub,
            @ConfigProperty(name = "bookshop.migration.auth.deadline", defaultValue = "PT2S") Duration deadline) {
        this.stub = stub;
        this.deadline = deadline;
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 2, delayUnit = ChronoUnit.SECONDS,
            skipOn = ProblemException.class)
    public UserView register(RegisterRequest request, boolean validateOnly) {
        try {
            return view(call().register(dev.stranglerbookshop.proto.auth.v1.RegisterRequest.newBuilder()
                    .setEmail(request.email()).setPassword(request.password())
                    .setDisplayName(request.displayName()).setValidateOnly(validateOnly).build()));
        } catch (StatusRuntimeException e) {
            throw translate(e);
        }
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 2, delayUnit = ChronoUnit.SECONDS,
            skipOn = ProblemException.class)
    public TokenIssuer.TokenResponse authenticate(LoginRequest request, String clientAddress) {
        try {
            var token = call().authenticate(AuthenticateRequest.newBuilder().setEmail(request.email())
                    .setPassword(request.password()).setClientAddress(clientAddress).build());
            return new TokenIssuer.TokenResponse(token.getAccessToken(), token.getTokenType(),
                    token.getExpiresInSeconds());
        } catch (StatusRuntimeException e) {
            throw translate(e);
        }
    }

    private AuthServiceGrpc.AuthServiceBlockingStub call() {
        return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static RuntimeException translate(StatusRuntimeException e) {
        String description = e.getStatus().getDescription() == null ? "" : e.getStatus().getDescription();
        return switch (e.getStatus().getCode()) {
            case ALREADY_EXISTS -> AuthProblems.duplicateEmail();
            case UNAUTHENTICATED -> AuthProblems.wrongCredentials();
            case INVALID_ARGUMENT -> AuthProblems.invalid(description);
            case RESOURCE_EXHAUSTED -> AuthProblems.throttled(description, retryDelay(e));
            case NOT_FOUND -> ProblemException.notFound(description);
            default -> new Unavailable(e);
        };
    }

    private static Duration retryDelay(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status != null) {
            for (var detail : status.getDetailsList()) {
                if (detail.is(RetryInfo.class)) {
                    try {
                        return Duration.ofSeconds(detail.unpack(RetryInfo.class).getRetryDelay().getSeconds());
                    } catch (InvalidProtocolBufferException ignored) {
                        // fall through to the default below
                    }
                }
            }
        }
        return Duration.ofSeconds(60);
    }

    private static UserView view(User user) {
        Instant created = Instant.ofEpochSecond(user.getCreatedAt().getSeconds(), user.getCreatedAt().getNanos());
        String role = user.getRolesList().contains(Role.ROLE_ADMIN) ? Roles.ADMIN : Roles.CUSTOMER;
        return new UserView(UUID.fromString(user.getId()), user.getEmail(), user.getDisplayName(), role, created);
    }

    /** auth-service could not answer (down, too slow, failing): the router falls back or answers 503. */
    public static class Unavailable extends RuntimeException {
        Unavailable(StatusRuntimeException cause) {
            super("auth-service: " + cause.getStatus().getCode() + " " + cause.getStatus().getDescription(), cause);
        }
    }
}
