package dev.stranglerbookshop.messaging.outbox;

/**
 * The Micrometer names of the outbox's meters (Prometheus adds the unit and {@code _total}: e.g.
 * {@code outbox_oldest_pending_age_seconds}). Registered once the relay first measures, where the outbox is on.
 */
public final class OutboxMetrics {

    /** Gauge: rows not yet acknowledged by Kafka (parked rows excluded), in messages. */
    public static final String PENDING = "outbox.pending";
    /** Gauge: age of the oldest row not yet acknowledged by Kafka, in seconds; 0 when none waits. Alert on it. */
    public static final String OLDEST_PENDING_AGE = "outbox.oldest.pending.age";
    /** Gauge: rows Kafka refused {@code bookshop.outbox.max-attempts} times, parked for an operator. Alert on any. */
    public static final String PARKED = "outbox.parked";
    /** Counter: rows acknowledged by Kafka since this process started, in messages. */
    public static final String PUBLISHED = "outbox.published";

    private OutboxMetrics() {
    }
}
