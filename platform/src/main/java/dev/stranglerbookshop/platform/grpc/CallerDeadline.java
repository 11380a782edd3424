package dev.stranglerbookshop.platform.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Callable;

/**
 * The server side of a deadline: a gRPC call carries its caller's deadline; once it has passed (or the caller
 * cancelled), the answer can only be thrown away, and computing it would steal the CPU the next, still wanted, calls
 * need. Abandoned calls are counted ({@code grpc_server_abandoned_total{operation}}).
 */
@ApplicationScoped
public class CallerDeadline {

    private final MeterRegistry meters;

    CallerDeadline(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * Runs blocking work (JDBC, bcrypt) for the current gRPC call on a worker thread, and answers on the call's
     * event loop. Call it from a gRPC method that is <em>not</em> {@code @Blocking}: Quarkus then moves the call to a
     * worker once, for the work alone, instead of once per call event (five times for a unary call), and the
     * deadline is checked when a worker picks the work up, after any wait in the worker pool's queue.
     *
     * @param operation what would be abandoned, for the counter ({@code search})
     * @return the work's result; fails with DEADLINE_EXCEEDED or CANCELLED when the caller gave up before it started
     */
    public <T> Uni<T> offload(String operation, Callable<T> work) {
        Context call = Context.current(); // gRPC's context lives in a thread local: take it along to the worker
        io.opentelemetry.context.Context trace = io.opentelemetry.context.Context.current();
        // The work gets its own duplicated Vert.x context: the event loop goes on handling this call's events on the
        // call's context meanwhile, and a context's locals (where the current span lives) must not be written by two
        // threads at once, or a database span could end up under the wrong parent.
        io.vertx.core.Context worker = VertxContext.createNewDuplicatedContext(Vertx.currentContext());
        return Uni.createFrom().completionStage(() -> worker.executeBlocking(() -> {
            ManagedContext requestScope = Arc.container().requestContext();
            requestScope.activate(); // as for a @Blocking method: the persistence context lives in the request scope
            try (Scope scope = trace.makeCurrent()) {
                ensureStillWanted(call, operation);
                return call.call(work); // attached there too, so the work can check again before its expensive part
            } finally {
                requestScope.terminate();
            }
        }, false).toCompletionStage());
    }

    /**
     * Checks the current gRPC call before expensive work done on the calling thread.
     *
     * @param operation what would be abandoned, for the counter ({@code accounts.login})
     * @throws io.grpc.StatusRuntimeException DEADLINE_EXCEEDED when the caller's deadline has passed, CANCELLED when
     *                                        the caller went away
     */
    public void ensureStillWanted(String operation) {
        ensureStillWanted(Context.current(), operation);
    }

    private void ensureStillWanted(Context call, String operation) {
        Deadline deadline = call.getDeadline();
        boolean expired = deadline != null && deadline.isExpired();
        if (!expired && !call.isCancelled()) {
            return;
        }
        meters.counter("grpc.server.abandoned", "operation", operation).increment();
        throw (expired ? Status.DEADLINE_EXCEEDED.withDescription("the caller's deadline passed before " + operation)
                : Status.CANCELLED.withDescription("the caller cancelled before " + operation)).asRuntimeException();
    }
}
