package dev.stranglerbookshop.contracts.events;

/**
 * The Kafka record headers of {@code proto/asyncapi.yaml} ({@code components.messageTraits.bookshopEvent.headers}; a
 * test keeps the two equal). Header values are UTF-8 strings.
 */
public final class EventHeaders {

    /** The protobuf message in the value, e.g. {@code OrderPlaced}. Required. */
    public static final String EVENT_TYPE = "event-type";
    /** The event's UUID, the consumers' idempotency key; equals {@code metadata.event_id}. Required. */
    public static final String EVENT_ID = "event-id";
    /** The payload's schema version ({@code "1"}); equals {@code metadata.schema_version}. Required. */
    public static final String SCHEMA_VERSION = "schema-version";
    /** Always {@link #PROTOBUF}. */
    public static final String CONTENT_TYPE = "content-type";
    /** The value of {@link #CONTENT_TYPE}. */
    public static final String PROTOBUF = "application/x-protobuf";
    /** W3C trace context of the relay's publish span (the W3C Trace Context recommendation). */
    public static final String TRACEPARENT = "traceparent";
    /** W3C trace state, when there is one. */
    public static final String TRACESTATE = "tracestate";
    /** Who notifies the customer: {@code monolith}, {@code shadow} or {@code service}; absent means service. */
    public static final String NOTIFICATIONS_ROUTE = "notifications-route";
    /** Shadow only: the address the monolith mailed. */
    public static final String EXPECTED_RECIPIENT = "expected-recipient";
    /** Shadow only: the subject the monolith sent. */
    public static final String EXPECTED_SUBJECT = "expected-subject";
    /** Shadow only: lower-case hex SHA-256 of the UTF-8 body the monolith sent. */
    public static final String EXPECTED_BODY_SHA256 = "expected-body-sha256";
    /** On a dead letter: why the consumer parked it (set by SmallRye Reactive Messaging's dead-letter strategy). */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";
    /** On a dead letter: the cause of {@link #DEAD_LETTER_REASON}, when there is one. */
    public static final String DEAD_LETTER_CAUSE = "dead-letter-cause";

    private EventHeaders() {
    }
}
