package dev.stranglerbookshop.messaging.outbox;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A domain event on its way to Kafka: topic, record key (the aggregate id, for per-aggregate order), the serialized
 * value and the record headers (see {@code proto/asyncapi.yaml}).
 */
public record OutgoingEvent(UUID eventId, String topic, String key, String eventType, byte[] payload,
        Map<String, String> headers) {

    public OutgoingEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(payload, "payload");
        headers = Map.copyOf(headers);
    }
}
