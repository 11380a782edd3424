package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.proto.search.v1.SearchRequest;
import dev.stranglerbookshop.proto.search.v1.SearchResponse;
import dev.stranglerbookshop.proto.search.v1.SearchServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A search-service stand-in on a real gRPC server (loopback, its own port) whose answer each test scripts: a response,
 * a status, a delay, or no answer at all. The seam's tests need failures the real service does not give on demand;
 * the acceptance suite runs the real one. The monolith's {@code search} client is pointed at it.
 */
public class ScriptedSearchService extends SearchServiceGrpc.SearchServiceImplBase
        implements QuarkusTestResourceLifecycleManager {

    /** What the next calls get. */
    public record Script(SearchResponse answer, Status status, Duration delay) {
        public static Script answering(SearchResponse answer) {
            return new Script(answer, null, Duration.ZERO);
        }

        public static Script failing(Status status) {
            return new Script(null, status, Duration.ZERO);
        }

        public Script after(Duration delay) {
            return new Script(answer, status, delay);
        }
    }

    private static final AtomicReference<Script> SCRIPT = new AtomicReference<>(
            Script.answering(SearchResponse.getDefaultInstance()));
    private static final AtomicInteger CALLS = new AtomicInteger();
    private GrpcStandIn server;

    public static void script(Script script) {
        SCRIPT.set(script);
    }

    /** Calls that reached the server so far. */
    public static int calls() {
        return CALLS.get();
    }

    @Override
    public void search(SearchRequest request, StreamObserver<SearchResponse> answer) {
        CALLS.incrementAndGet();
        Script script = SCRIPT.get();
        try {
            Thread.sleep(script.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (script.status() != null) {
            answer.onError(script.status().asRuntimeException());
        } else {
            answer.onNext(script.answer());
            answer.onCompleted();
        }
    }

    @Override
    public Map<String, String> start() {
        server = GrpcStandIn.start(this, "search");
        return server.clientConfig();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
