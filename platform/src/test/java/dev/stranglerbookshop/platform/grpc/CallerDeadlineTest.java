package dev.stranglerbookshop.platform.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's check before expensive work: a caller who gave up gets no work done, and it is counted. */
class CallerDeadlineTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CallerDeadline caller = new CallerDeadline(meters);

    @Test
    void aCallWhoseDeadlinePassedIsAbandonedAndCounted() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (Context.CancellableContext call = Context.current()
                .withDeadline(Deadline.after(1, TimeUnit.MILLISECONDS), timer)) {
            Thread.sleep(20);
            call.run(() -> assertThatThrownBy(() -> caller.ensureStillWanted("accounts.login"))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode())
                            .isEqualTo(Status.Code.DEADLINE_EXCEEDED)));
        } finally {
            timer.shutdownNow();
        }
        assertThat(meters.counter("grpc.server.abandoned", "operation", "accounts.login").count()).isEqualTo(1);
    }

    @Test
    void aCancelledCallIsAbandonedAndAWantedOneRuns() {
        Context.CancellableContext cancelled = Context.current().withCancellation();
        cancelled.cancel(null);
        cancelled.run(() -> assertThatThrownBy(() -> caller.ensureStillWanted("search"))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.CANCELLED)));

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (Context.CancellableContext wanted = Context.current()
                .withDeadline(Deadline.after(1, TimeUnit.MINUTES), timer)) {
            wanted.run(() -> caller.ensureStillWanted("search")); // no exception: the caller still waits
        } finally {
            timer.shutdownNow();
        }
        assertThat(meters.counter("grpc.server.abandoned", "operation", "search").count()).isEqualTo(1);
    }
}
