package dev.stranglerbookshop.notifications.mail;

import dev.stranglerbookshop.platform.telemetry.Untraced;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many mails wait and how many gave up, as gauges ({@code notifications_mails_pending},
 * {@code notifications_mails_parked}): a parked mail needs an operator, so it must show on a dashboard, not only in a
 * log line. Counted from the table on a schedule of its own, so a scrape never queries the database.
 */
@ApplicationScoped
class MailBacklog {

    private final EntityManager entities;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();

    MailBacklog(EntityManager entities, MeterRegistry meters) {
        this.entities = entities;
        Gauge.builder("notifications.mails.pending", pending, AtomicLong::get)
                .description("Mails not sent yet (first attempt or waiting for a retry)").register(meters);
        Gauge.builder("notifications.mails.parked", parked, AtomicLong::get)
                .description("Mails given up after the last attempt; an operator decides").register(meters);
    }

    @Scheduled(identity = "mail-backlog", every = "${bookshop.notifications.backlog-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not while shutting down: the database pool closes under a running task (ERROR lines at every stop).
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try (Scope ignored = Untraced.scope()) {
            long[] counts = new long[2]; // pending, parked; a status with no row is zero
            QuarkusTransaction.requiringNew().run(() -> {
                // A literal, not a parameter: it must match the partial index outgoing_mails_backlog (V3) in every plan.
                @SuppressWarnings("unchecked")
                List<Object[]> rows = entities.createNativeQuery("SELECT status, count(*) "
                        + "FROM notifications.outgoing_mails WHERE status <> 'SENT' GROUP BY status").getResultList();
                for (Object[] row : rows) {
                    counts["PARKED".equals(row[0]) ? 1 : 0] = ((Number) row[1]).longValue();
                }
            });
            pending.set(counts[0]);
            parked.set(counts[1]);
        }
    }
}
