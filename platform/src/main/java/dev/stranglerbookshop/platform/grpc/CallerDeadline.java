package dev.stranglerbookshop.platform.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The server side of a deadline: before expensive work, check that the caller still waits. A gRPC call carries its
 * caller's deadline; once it has passed (or the caller cancelled), the answer can only be thrown away, and computing
 * it would steal the CPU the next, still wanted, calls need. Abandoned calls are counted
 * ({@code grpc_server_abandoned_total{operation}}).
 */
@ApplicationScoped
public class CallerDeadline {

    private final MeterRegistry meters;

    CallerDeadline(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * @param operation what would be abandoned, for the counter ({@code accounts.login})
     * @throws io.grpc.StatusRuntimeException DEADLINE_EXCEEDED when the caller's deadline has passed, CANCELLED when
     *                                        the caller went away
     */
    public void ensureStillWanted(String operation) {
        Context call = Context.current();
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
