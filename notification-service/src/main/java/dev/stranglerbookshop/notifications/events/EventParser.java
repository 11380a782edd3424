package dev.stranglerbookshop.notifications.events;

import dev.stranglerbookshop.messaging.inbox.EventRecords;
import dev.stranglerbookshop.messaging.inbox.PoisonEvent;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.stranglerbookshop.contracts.events.EventHeaders;
import dev.stranglerbookshop.proto.events.v1.EventMetadata;
import dev.stranglerbookshop.proto.events.v1.OrderCancelled;
import dev.stranglerbookshop.proto.events.v1.OrderLine;
import dev.stranglerbookshop.proto.events.v1.OrderPlaced;
import dev.stranglerbookshop.proto.events.v1.OrderShipped;
import dev.stranglerbookshop.proto.events.v1.UserRegistered;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.stranglerbookshop.messaging.inbox.EventRecords.header;

/**
 * Reads a Kafka record as described in {@code proto/asyncapi.yaml}: the {@code event-type} header names the protobuf
 * message, the routing headers say who notifies. Anything that does not fit is a {@link PoisonEvent}.
 */
public final class EventParser {

    /**
     * The largest value read, in bytes: Kafka's default {@code message.max.bytes} (1 MiB), which the monolith's relay
     * never comes near (an order of a hundred lines is under 20 KiB). Anything larger was not written by it.
     */
    public static final int MAX_VALUE_BYTES = 1 << 20;

    /** The {@code recipient} column of {@code outgoing_mails} (64 characters of local part, @, 255 of domain). */
    static final int MAX_EMAIL_LENGTH = 320;

    /** The range of a {@code google.protobuf.Timestamp} (0001-01-01 to 9999-12-31 UTC), which PostgreSQL can store. */
    private static final long MIN_SECONDS = -62_135_596_800L;
    private static final long MAX_SECONDS = 253_402_300_799L;

    private static final Set<String> TYPES = Set.of("UserRegistered", "OrderPlaced", "OrderShipped", "OrderCancelled");

    private EventParser() {
    }

    /**
     * Reads one record.
     *
     * @param record as the connector delivers it: any key, headers and value, including none (a tombstone)
     * @return the validated event; never null
     * @throws PoisonEvent for every record this service can never handle (no, duplicated, null or non-UTF-8
     *         {@code event-type} or routing header, no, empty or oversized value, bytes that are not the named message,
     *         a field out of its contract or of what the database stores), and never any other exception: the result
     *         depends only on the record's bytes, so whatever fails here would fail again on every retry
     */
    public static NotificationEvent parse(ConsumerRecord<String, byte[]> record) {
        return EventRecords.read(record, EventParser::read);
    }

    private static NotificationEvent read(ConsumerRecord<String, byte[]> record) {
        String type = header(record, EventHeaders.EVENT_TYPE);
        if (type == null) {
            throw new PoisonEvent("no event-type header");
        }
        if (!TYPES.contains(type)) {
            throw new PoisonEvent("unknown event-type '" + type + "'");
        }
        byte[] value = record.value();
        if (value == null) {
            throw new PoisonEvent("no value (a tombstone): every " + type + " has one");
        }
        if (value.length == 0) {
            throw new PoisonEvent("empty value: every " + type + " has metadata");
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new PoisonEvent("value of " + value.length + " bytes, over the " + MAX_VALUE_BYTES
                    + " an event may have");
        }
        NotificationEvent.Route route = route(header(record, EventHeaders.NOTIFICATIONS_ROUTE));
        NotificationEvent.Expected expected = route == NotificationEvent.Route.SHADOW
                ? new NotificationEvent.Expected(header(record, EventHeaders.EXPECTED_RECIPIENT),
                        header(record, EventHeaders.EXPECTED_SUBJECT),
                        header(record, EventHeaders.EXPECTED_BODY_SHA256))
                : null;
        try {
            return switch (type) {
                case "UserRegistered" -> {
                    UserRegistered e = UserRegistered.parseFrom(value);
                    yield new NotificationEvent(eventId(e.getMetadata(), e.hasMetadata()), occurredAt(e.getMetadata()), type, route, expected,
                            uuid(e.getUserId(), "user_id"), email(e.getEmail(), "email"), "WELCOME",
                            "Welcome to the Strangler Bookshop",
                            Map.of("name", text(e.getDisplayName(), "display_name")));
                }
                case "OrderPlaced" -> {
                    OrderPlaced e = OrderPlaced.parseFrom(value);
                    String orderId = uuid(e.getOrderId(), "order_id").toString();
                    yield new NotificationEvent(eventId(e.getMetadata(), e.hasMetadata()), occurredAt(e.getMetadata()), type, route, expected,
                            uuid(e.getCustomerId(), "customer_id"), email(e.getCustomerEmail(), "customer_email"),
                            "ORDER_PLACED", "Your order " + orderId.substring(0, 8) + " is confirmed",
                            Map.of("orderId", orderId, "lines", lines(e.getLinesList()),
                                    "total", text(e.getTotal().getAmount(), "total.amount")));
                }
                case "OrderShipped" -> {
                    OrderShipped e = OrderShipped.parseFrom(value);
                    String orderId = uuid(e.getOrderId(), "order_id").toString();
                    yield new NotificationEvent(eventId(e.getMetadata(), e.hasMetadata()), occurredAt(e.getMetadata()), type, route, expected,
                            uuid(e.getCustomerId(), "customer_id"), email(e.getCustomerEmail(), "customer_email"),
                            "ORDER_SHIPPED", "Your order " + orderId.substring(0, 8) + " has shipped",
                            Map.of("orderId", orderId));
                }
                case "OrderCancelled" -> {
                    OrderCancelled e = OrderCancelled.parseFrom(value);
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
        return lines.stream().map(l -> l.getQuantity() + " x " + text(l.getTitle(), "lines.title") + " at "
                + text(l.getUnitPrice().getAmount(), "lines.unit_price.amount") + " EUR").toList();
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
        long seconds = metadata.getOccurredAt().getSeconds();
        int nanos = metadata.getOccurredAt().getNanos();
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS || nanos < 0 || nanos > 999_999_999) {
            throw new PoisonEvent("metadata.occurred_at is not a valid timestamp: " + seconds + " s " + nanos + " ns");
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new PoisonEvent(field + " is not a UUID: '" + value + "'");
        }
    }

    private static String email(String value, String field) {
        if (value.isBlank()) {
            throw new PoisonEvent(field + " is empty");
        }
        if (value.length() > MAX_EMAIL_LENGTH) {
            throw new PoisonEvent(field + " has " + value.length() + " characters, over " + MAX_EMAIL_LENGTH);
        }
        return text(value, field);
    }

    /** PostgreSQL's text types cannot hold U+0000: such a string would be refused by the database on every retry. */
    private static String text(String value, String field) {
        if (value.indexOf('\0') >= 0) {
            throw new PoisonEvent(field + " contains a NUL character");
        }
        return value;
    }
}
