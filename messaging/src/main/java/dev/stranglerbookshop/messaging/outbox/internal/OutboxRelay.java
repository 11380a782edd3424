package dev.stranglerbookshop.messaging.outbox.internal;

import dev.stranglerbookshop.messaging.outbox.Outbox;
import dev.stranglerbookshop.platform.telemetry.Untraced;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * Publishes pending outbox rows in order. Every monolith instance runs a relay, but only the one holding the
 * transaction-scoped advisory lock publishes: one publisher keeps the global order (a second one taking the next
 * batch with SKIP LOCKED could overtake the first for the same aggregate). The rows are still read
 * {@code FOR UPDATE SKIP LOCKED}, so even a relay that skipped the lock could never send a row another is sending.
 * Kafka unreachable: the transaction ends with the rows still pending, and the next tick tries again. A row Kafka
 * refuses for itself (too large, say) is parked after {@code bookshop.outbox.max-attempts} refusals, so it cannot block
 * the rows behind it forever (head-of-line blocking); its later siblings then reach consumers without it. The polling
 * itself is not traced ({@link Untraced}); each publish span continues the trace that wrote its row. When it runs:
 * right after a commit that wrote rows, see {@link RelayWorker}.
 * <p>
 * Public for operations and tests (a tick on demand, the retention job, the lock and job names); application code
 * only appends through {@link dev.stranglerbookshop.messaging.outbox.Outbox}.
 */
@ApplicationScoped
@IfBuildProperty(name = Outbox.PUBLISHER_PROPERTY, stringValue = "true")
public class OutboxRelay {

    /** Any constant, the same in every instance. */
    public static final long RELAY_LOCK = 2_026_112_502L;

    /** The scheduler job that polls as a safety net; pausing it pauses the relay (see {@link RelayWorker}). */
    public static final String RELAY_JOB = "outbox-relay";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final EntityManager entities;
    private final KafkaPublisher publisher;
    private final OutboxLag lag;
    private final OutboxSettings settings;

    OutboxRelay(EntityManager entities, KafkaPublisher publisher, OutboxLag lag, OutboxSettings settings) {
        this.entities = entities;
        this.publisher = publisher;
        this.lag = lag;
        this.settings = settings;
    }

    /** Connects to the broker ahead of the first event ({@link KafkaPublisher#connect}); never blocks on it. */
    void connect() {
        publisher.connect();
    }

    /**
     * Publishes batches until one comes back short. Called by {@link RelayWorker} only, so ticks never overlap in an
     * instance.
     */
    public void tick() {
        try (Scope ignored = Untraced.scope()) {
            int published;
            do {
                published = QuarkusTransaction.requiringNew().call(this::publishBatch);
            } while (published == settings.batchSize());
        }
    }

    /**
     * One transaction: lock, read a batch, send it, mark what the broker acknowledged, count a refusal of the next
     * message against it. Returns the number acknowledged.
     */
    public int publishBatch() {
        if (!QuarkusTransaction.isActive()) { // the lock and the marks are the transaction's: without one, re-sends
            throw new IllegalStateException("publishBatch runs inside a transaction; call tick() instead");
        }
        boolean leader = (Boolean) entities.createNativeQuery("SELECT pg_try_advisory_xact_lock(:lock)")
                .setParameter("lock", RELAY_LOCK).getSingleResult();
        if (!leader) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<OutboxMessage> batch = entities.createNativeQuery("""
                SELECT * FROM outbox.messages WHERE published_at IS NULL AND failed_at IS NULL
                ORDER BY position LIMIT :size FOR UPDATE SKIP LOCKED""", OutboxMessage.class)
                .setParameter("size", settings.batchSize()).getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        KafkaPublisher.Outcome outcome = publisher.publish(batch);
        int acknowledged = outcome.acknowledged();
        Instant now = Instant.now();
        batch.subList(0, acknowledged).forEach(message -> message.publishedAt = now);
        lag.published(acknowledged);
        if (outcome.refusal() != null) {
            refused(batch.get(acknowledged), outcome.refusal(), now);
        }
        return acknowledged;
    }

    /** Logged once per row, when it is parked (each refusal before that is logged by the publisher). */
    private void refused(OutboxMessage message, Throwable refusal, Instant now) {
        message.attempts++;
        if (message.attempts >= settings.maxAttempts()) {
            message.failedAt = now;
            message.failure = refusal.toString();
            LOG.warnf("Outbox message %s (%s at %d) parked after %d refusals by Kafka; the rows behind go on: %s",
                    message.eventId, message.eventType, message.position, message.attempts, message.failure);
        }
    }

    /** On its own schedule: while Kafka is down a relay tick waits for the deadline, and the gauges must not. */
    @Scheduled(identity = "outbox-lag", every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Disabled.class)
    void measureLag() {
        try (Scope ignored = Untraced.scope()) {
            QuarkusTransaction.requiringNew().run(() -> lag.refresh(entities));
        }
    }

    @Scheduled(identity = "outbox-retention", every = "1h", delayed = "1m", skipExecutionIf = Disabled.class)
    public void forgetPublished() {
        try (Scope ignored = Untraced.scope()) {
            QuarkusTransaction.requiringNew().run(() -> OutboxMessage.delete("publishedAt < ?1",
                    Instant.now().minus(settings.retention())));
        }
    }

    /** The relay sleeps where the outbox is off (stages 0 and 1 by default), and while the application stops. */
    @Singleton
    @IfBuildProperty(name = Outbox.PUBLISHER_PROPERTY, stringValue = "true")
    static class Disabled implements Scheduled.SkipPredicate {

        private final Outbox outbox;
        private final Scheduled.ApplicationNotRunning stopping;

        Disabled(Outbox outbox, Scheduled.ApplicationNotRunning stopping) {
            this.outbox = outbox;
            this.stopping = stopping;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return outboxOff() || stopping.test(execution);
        }

        boolean outboxOff() {
            return !outbox.enabled();
        }
    }
}
