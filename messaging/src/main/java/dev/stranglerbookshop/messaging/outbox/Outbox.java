package dev.stranglerbookshop.messaging.outbox;

/**
 * The transactional outbox. {@link #append} joins the caller's transaction: the event is stored if and only if the
 * change that raised it commits, and the relay publishes it to Kafka afterwards, at least once and in order.
 */
public interface Outbox {

    /**
     * The build-time property that makes a deployable a publisher: {@code bookshop.outbox.publisher=true} in its
     * {@code application.properties}. Only then do the outbox, its relay, wake-ups and gauges exist in it, so a
     * deployable that only consumes (and has no {@code outbox.messages} table) can take this jar for its consumer side.
     * Without it, injecting {@code Outbox} fails the build as an unsatisfied dependency.
     */
    String PUBLISHER_PROPERTY = "bookshop.outbox.publisher";

    /** Must run inside a transaction; the current trace context is stored with the event so the trace continues. */
    void append(OutgoingEvent event);

    /**
     * Whether this deployment publishes events: where the stage plan says events flow (from stage 2, when the first
     * consumer, notification-service, is extracted). Callers write nothing to a disabled outbox.
     */
    boolean enabled();
}
