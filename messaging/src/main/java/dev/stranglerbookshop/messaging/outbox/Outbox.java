package dev.stranglerbookshop.messaging.outbox;

/**
 * The transactional outbox. {@link #append} joins the caller's transaction: the event is stored if and only if the
 * change that raised it commits, and the relay publishes it to Kafka afterwards, at least once and in order.
 */
public interface Outbox {

    /** Must run inside a transaction; the current trace context is stored with the event so the trace continues. */
    void append(OutgoingEvent event);

    /**
     * Whether this deployment publishes events: where the stage plan says events flow (from stage 2, when the first
     * consumer, notification-service, is extracted). Callers write nothing to a disabled outbox.
     */
    boolean enabled();
}
