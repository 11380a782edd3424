package dev.stranglerbookshop.notifications.events;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.stranglerbookshop.proto.events.v1.EventMetadata;
import dev.stranglerbookshop.proto.events.v1.OrderCancelled;
import dev.stranglerbookshop.proto.events.v1.OrderLine;
import dev.stranglerbookshop.proto.events.v1.OrderPlaced;
import dev.stranglerbookshop.proto.events.v1.OrderShipped;
import dev.stranglerbookshop.proto.events.v1.UserRegistered;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a Kafka record as described in {@code proto/asyncapi.yaml}: the {@code event-type} header names the protobuf
 * message, the routing headers say who notifies. Anything that does not fit is a {@link PoisonEvent}.
 */
public final class EventParser {

    private EventParser() {
    }

    public static NotificationEvent parse(ConsumerRecord<String, byte[]> record) {
        String type = header(record, "event-type");
        if (type == null) {
            throw new PoisonEvent("no event-type header");
        }
        NotificationEvent.Route route = route(header(record, "notifications-route"));
        NotificationEvent.Expected expected = route == NotificationEvent.Route.SHADOW
                ? new NotificationEvent.Expected(header(record, "expected-recipient"),
                        header(record, "expected-subject"), header(record, "expected-body-sha256"))
                : null;
        try {
            return switch (type) {
                case "UserRegistered" -> {
                    UserRegistered e = UserRegistered.parseFrom(record.value());
                    yield new NotificationEvent(eventId(e.getMetadata(), e.hasMetadata()), occurredAt(e.getMetadata()), type, route, expected,
                            uuid(e.getUserId(), "user_id"), required(e.getEmail(), "email"), "WELCOME",
                            "Welcome to the Strangler Bookshop", Map.of("name", e.getDisplayName()));
                }
                case "OrderPlaced" -> {
                    OrderPlaced e = OrderPlaced.parseFrom(record.value());
                    String orderId = uuid(e.getOrderId(), "order_id").toString();
                    yield new NotificationEvent(eventId(e.getMetadata(), e.hasMetadata()), occurredAt(e.getMetadata()), type, route, expected,
                            uuid(e.getCustomerId(), "customer_id"), required(e.getCustomerEmail(), "customer_email"),
                            "ORDER_PLACED", "Your order " + orderId.substring(0, 8) + " is confirmed",
                            Map.of("orderId", orderId, "lines", lines(e.getLinesList()),
                                    "total", e.getTotal().getAmount()));
                }
                case "OrderShipped" -> {
                    OrderShipped e = OrderShipped.parseFrom(record.value());
                    String orderId = uuid(e.getOrderId(), "order_id").toString();
                    yield new NotificationEvent(eventId(e.getMetadata(), e.hasMetadata()), occurredAt(e.getMetadata()), type, route, expected,
                            uuid(e.getCustomerId(), "customer_id"), required(e.getCustomerEmail(), "customer_email"),
                            "ORDER_SHIPPED", "Your order " + orderId.substring(0, 8) + " has shipped",
                            Map.of("orderId", orderId));
                }
                case "OrderCancelled" -> {
                    OrderCancelled e = OrderCancelled.parseFrom(record.value());
                    yield new NotificationEvent(eventId(e.getMetadata(), e.hasMetadata()), occurredAt(e.getMetadata()), type, route, null,
                            null, null, null, null, Map.of());
                }
                default -> throw new PoisonEvent("unknown event-type '" + type + "'");
            };
        } catch (InvalidProtocolBufferException e) {
            throw new PoisonEvent("value is not a " + type + " message: " + e.getMessage(), e);
        }
    }

    /** Exactly as the monolith writes them, so the mails compare equal in shadow mode. */
    private static List<String> lines(List<OrderLine> lines) {
        return lines.stream().map(l -> l.getQuantity() + " x " + l.getTitle() + " at " + l.getUnitPrice().getAmount()
                + " EUR").toList();
    }

    private static NotificationEvent.Route route(String value) {
        if (value == null) {
            return NotificationEvent.Route.SERVICE; // no monolith decided: this service is the one that notifies
        }
        try {
            return NotificationEvent.Route.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PoisonEvent("unknown notifications-route '" + value + "'");
        }
    }

    private static UUID eventId(EventMetadata metadata, boolean present) {
        if (!present) {
            throw new PoisonEvent("no metadata");
        }
        return uuid(metadata.getEventId(), "metadata.event_id");
    }

    /**
     * When it happened in the monolith: the inbox is ordered by it, since events of different topics (users, orders)
     * are consumed independently and may be processed out of their real order. Unset (0) means "now".
     */
    private static Instant occurredAt(EventMetadata metadata) {
        if (!metadata.hasOccurredAt()) {
            return Instant.now();
        }
        return Instant.ofEpochSecond(metadata.getOccurredAt().getSeconds(), metadata.getOccurredAt().getNanos());
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new PoisonEvent(field + " is not a UUID: '" + value + "'");
        }
    }

    private static String required(String value, String field) {
        if (value.isBlank()) {
            throw new PoisonEvent(field + " is empty");
        }
        return value;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
