package dev.stranglerbookshop.messaging.outbox.internal;

import dev.stranglerbookshop.messaging.outbox.OutboxMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import dev.stranglerbookshop.messaging.outbox.Outbox;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How far the relay is behind: {@code outbox_pending_messages} and {@code outbox_oldest_pending_age_seconds} (the
 * number to alert on: it grows while Kafka is down), refreshed every second; plus
 * {@code outbox_published_messages_total}, and {@code outbox_parked_messages}: rows Kafka kept refusing, set aside
 * for an operator (alert on any).
 */
@ApplicationScoped
@IfBuildProperty(name = Outbox.PUBLISHER_PROPERTY, stringValue = "true")
class OutboxLag {

    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicReference<Instant> oldestPending = new AtomicReference<>();
    private final Counter published;

    OutboxLag(MeterRegistry meters) {
        Gauge.builder(OutboxMetrics.PENDING, pending, AtomicLong::get).baseUnit("messages")
                .description("Outbox rows not yet acknowledged by Kafka").register(meters);
        Gauge.builder(OutboxMetrics.OLDEST_PENDING_AGE, oldestPending, OutboxLag::ageSeconds).baseUnit("seconds")
                .description("Age of the oldest outbox row not yet acknowledged by Kafka").register(meters);
        Gauge.builder(OutboxMetrics.PARKED, parked, AtomicLong::get).baseUnit("messages")
                .description("Outbox rows Kafka refused too often, parked until an operator fixes them")
                .register(meters);
        published = Counter.builder(OutboxMetrics.PUBLISHED).baseUnit("messages")
                .description("Outbox rows acknowledged by Kafka").register(meters);
    }

    void refresh(EntityManager entities) {
        Object[] row = (Object[]) entities.createNativeQuery("""
                SELECT count(*) FILTER (WHERE failed_at IS NULL), min(created_at) FILTER (WHERE failed_at IS NULL),
                       count(*) FILTER (WHERE failed_at IS NOT NULL)
                FROM outbox.messages WHERE published_at IS NULL""").getSingleResult();
        pending.set(((Number) row[0]).longValue());
        oldestPending.set(row[1] == null ? null : toInstant(row[1]));
        parked.set(((Number) row[2]).longValue());
    }

    void published(int count) {
        published.increment(count);
    }

    private static double ageSeconds(AtomicReference<Instant> oldest) {
        Instant at = oldest.get();
        return at == null ? 0 : Duration.between(at, Instant.now()).toMillis() / 1000.0;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
