package dev.stranglerbookshop.notifications.events;

import com.google.protobuf.Timestamp;
import dev.stranglerbookshop.messaging.inbox.ConsumerFailures;
import dev.stranglerbookshop.messaging.inbox.PoisonEvent;
import dev.stranglerbookshop.proto.common.v1.Money;
import dev.stranglerbookshop.proto.events.v1.EventMetadata;
import dev.stranglerbookshop.proto.events.v1.OrderCancelled;
import dev.stranglerbookshop.proto.events.v1.OrderLine;
import dev.stranglerbookshop.proto.events.v1.OrderPlaced;
import dev.stranglerbookshop.proto.events.v1.OrderShipped;
import dev.stranglerbookshop.proto.events.v1.UserRegistered;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Whatever shape a record has, the parser either reads it or refuses it as poison: a malformed record is never taken
 * for a passing failure (retried, holding its partition back) and never escapes as another exception.
 */
class MalformedRecordPropertiesTest {

    private static final List<String> TYPES = List.of("UserRegistered", "OrderPlaced", "OrderShipped",
            "OrderCancelled");

    @Property(tries = 1000)
    void everyMalformedShapeIsPermanent(@ForAll("malformed") Shape shape) {
        Throwable thrown = catchThrowable(() -> EventParser.parse(shape.record()));

        assertThat(thrown).as(shape.toString()).isInstanceOf(PoisonEvent.class);
        assertThat(ConsumerFailures.permanent(thrown)).isTrue();
        assertThat(thrown.getMessage()).isNotBlank();
    }

    @Property(tries = 300)
    void everyWellFormedShapeIsRead(@ForAll("wellFormed") Shape shape) {
        NotificationEvent event = EventParser.parse(shape.record());

        assertThat(event.type()).isEqualTo(shape.type);
        assertThat(event.eventId().toString()).isEqualTo(shape.eventId);
    }

    @Provide
    Arbitrary<Shape> malformed() {
        return Combinators.combine(Arbitraries.of(Malformation.class).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(TYPES), Arbitraries.longs()).as((malformations, type, seed) -> {
                    boolean textual = malformations.stream().allMatch(m -> m.fits(type));
                    Shape shape = new Shape(textual ? type : "UserRegistered");
                    Random random = new Random(seed);
                    malformations.forEach(m -> m.apply(shape, random));
                    shape.malformations = malformations;
                    return shape;
                });
    }

    @Provide
    Arbitrary<Shape> wellFormed() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(200).filter(s -> s.indexOf('\0') < 0);
        return Combinators.combine(Arbitraries.of(TYPES), text, text,
                Arbitraries.of("service", "SHADOW", "Monolith", ""), Arbitraries.longs()
                        .between(-62_135_596_800L, 253_402_300_799L)).as((type, name, title, route, seconds) -> {
                            Shape shape = new Shape(type);
                            shape.name = name;
                            shape.title = title;
                            shape.seconds = seconds;
                            shape.headers.remove("notifications-route");
                            if (!route.isEmpty()) {
                                shape.headers.add("notifications-route", route.getBytes(StandardCharsets.UTF_8));
                            }
                            return shape;
                        });
    }

    /** One way a record can be wrong; {@link #fits} says whether the event type has the field it spoils. */
    enum Malformation {
        TOMBSTONE, EMPTY_VALUE, HUGE_VALUE, GARBAGE_VALUE, JSON_VALUE,
        NO_TYPE_HEADER, NULL_TYPE_HEADER, DUPLICATED_TYPE_HEADER, NON_UTF8_TYPE_HEADER, UNKNOWN_TYPE,
        NULL_ROUTE_HEADER, DUPLICATED_ROUTE_HEADER, NON_UTF8_ROUTE_HEADER, UNKNOWN_ROUTE,
        NO_METADATA, BAD_EVENT_ID, BAD_TIMESTAMP, BAD_AGGREGATE_ID, NO_EMAIL, LONG_EMAIL, NUL_IN_TEXT;

        boolean fits(String type) {
            return switch (this) {
                case BAD_AGGREGATE_ID, NO_EMAIL, LONG_EMAIL, NUL_IN_TEXT -> !type.equals("OrderCancelled");
                default -> true;
            };
        }

        void apply(Shape shape, Random random) {
            switch (this) {
                case TOMBSTONE -> shape.rawValue = Optional.empty();
                case EMPTY_VALUE -> shape.rawValue = Optional.of(new byte[0]);
                case HUGE_VALUE -> shape.rawValue = Optional.of(bytes(random,
                        EventParser.MAX_VALUE_BYTES + 1 + random.nextInt(4096)));
                case GARBAGE_VALUE -> shape.rawValue = Optional.of(bytes(random, 1 + random.nextInt(2000)));
                case JSON_VALUE -> shape.rawValue = Optional.of(("{\"eventId\":\"" + UUID.randomUUID()
                        + "\",\"type\":\"" + shape.type + "\",\"email\":\"a@example.org\"}")
                        .getBytes(StandardCharsets.UTF_8));
                case NO_TYPE_HEADER -> shape.headers.remove("event-type");
                case NULL_TYPE_HEADER -> replace(shape, "event-type", null);
                case DUPLICATED_TYPE_HEADER -> repeat(shape, "event-type",
                        TYPES.get(random.nextInt(TYPES.size())));
                case NON_UTF8_TYPE_HEADER -> replace(shape, "event-type", notUtf8(random));
                case UNKNOWN_TYPE -> replace(shape, "event-type", ("Order" + random.nextInt(1000) + "Refunded")
                        .getBytes(StandardCharsets.UTF_8));
                case NULL_ROUTE_HEADER -> replace(shape, "notifications-route", null);
                case DUPLICATED_ROUTE_HEADER -> repeat(shape, "notifications-route", "service");
                case NON_UTF8_ROUTE_HEADER -> replace(shape, "notifications-route", notUtf8(random));
                case UNKNOWN_ROUTE -> replace(shape, "notifications-route", ("everywhere-" + random.nextInt(1000))
                        .getBytes(StandardCharsets.UTF_8));
                case NO_METADATA -> shape.metadata = false;
                case BAD_EVENT_ID -> shape.eventId = letters(random, random.nextInt(40));
                case BAD_TIMESTAMP -> {
                    if (random.nextBoolean()) {
                        shape.seconds = random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(1000)
                                : -62_135_596_801L - random.nextInt(1_000_000);
                    } else {
                        shape.nanos = random.nextBoolean() ? -1 - random.nextInt(1000) : 1_000_000_000;
                    }
                }
                case BAD_AGGREGATE_ID -> shape.aggregateId = letters(random, random.nextInt(40));
                case NO_EMAIL -> shape.email = " ".repeat(random.nextInt(3));
                case LONG_EMAIL -> shape.email = "a".repeat(EventParser.MAX_EMAIL_LENGTH - 11
                        + random.nextInt(1000)) + "@example.org";
                case NUL_IN_TEXT -> {
                    // Each type carries its own text fields; spoil one the type has.
                    if (shape.type.equals("UserRegistered") && random.nextBoolean()) {
                        shape.name = "Ada\0" + random.nextInt();
                    } else if (shape.type.equals("OrderPlaced") && random.nextBoolean()) {
                        shape.title = "Emma\0";
                    } else {
                        shape.email = "a\0b@example.org";
                    }
                }
                default -> throw new IllegalStateException(name());
            }
        }

        /** Adds the header once more, twice when it was absent (an earlier malformation may have removed it). */
        private static void repeat(Shape shape, String header, String value) {
            if (shape.headers.lastHeader(header) == null) {
                shape.headers.add(header, value.getBytes(StandardCharsets.UTF_8));
            }
            shape.headers.add(header, value.getBytes(StandardCharsets.UTF_8));
        }

        private static void replace(Shape shape, String header, byte[] value) {
            shape.headers.remove(header);
            shape.headers.add(header, value);
        }

        private static byte[] notUtf8(Random random) {
            // 0xC3 0x28: a two-byte sequence whose second byte is not a continuation byte.
            return random.nextBoolean() ? new byte[] {(byte) 0xC3, 0x28} : new byte[] {'O', (byte) 0xFF, 'd'};
        }

        private static byte[] bytes(Random random, int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }

        private static String letters(Random random, int length) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            return text.toString();
        }
    }

    /** A record as the monolith's relay writes it (proto/asyncapi.yaml), then spoiled field by field. */
    static final class Shape {
        final String type;
        final RecordHeaders headers = new RecordHeaders();
        String eventId = UUID.randomUUID().toString();
        String aggregateId = UUID.randomUUID().toString();
        String email = "reader@example.org";
        String name = "Ada";
        String title = "Emma";
        long seconds = 1_700_000_000L;
        int nanos;
        boolean metadata = true;
        /** Set when the value is not the serialized message: empty for no value at all (a tombstone). */
        Optional<byte[]> rawValue;
        List<Malformation> malformations = List.of();

        Shape(String type) {
            this.type = type;
            headers.add("event-type", type.getBytes(StandardCharsets.UTF_8));
            headers.add("schema-version", "1".getBytes(StandardCharsets.UTF_8));
            headers.add("notifications-route", "service".getBytes(StandardCharsets.UTF_8));
        }

        ConsumerRecord<String, byte[]> record() {
            byte[] value = rawValue == null ? message() : rawValue.orElse(null);
            return new ConsumerRecord<>(Events.USERS, 0, 42L, 0L, TimestampType.CREATE_TIME,
                    ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, aggregateId, value, headers, Optional.empty());
        }

        private byte[] message() {
            EventMetadata.Builder meta = EventMetadata.newBuilder().setEventId(eventId).setEventType(type)
                    .setSchemaVersion(1).setAggregateId(aggregateId)
                    .setOccurredAt(Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos));
            Money euros = Money.newBuilder().setCurrencyCode("EUR").setAmount("8.00").build();
            return switch (type) {
                case "UserRegistered" -> with(UserRegistered.newBuilder().setUserId(aggregateId).setEmail(email)
                        .setDisplayName(name), b -> b.setMetadata(meta)).build().toByteArray();
                case "OrderPlaced" -> with(OrderPlaced.newBuilder().setOrderId(aggregateId)
                        .setCustomerId(UUID.randomUUID().toString()).setCustomerEmail(email).setTotal(euros)
                        .addLines(OrderLine.newBuilder().setBookId(UUID.randomUUID().toString()).setTitle(title)
                                .setQuantity(1).setUnitPrice(euros)), b -> b.setMetadata(meta)).build().toByteArray();
                case "OrderShipped" -> with(OrderShipped.newBuilder().setOrderId(aggregateId)
                        .setCustomerId(UUID.randomUUID().toString()).setCustomerEmail(email),
                        b -> b.setMetadata(meta)).build().toByteArray();
                default -> with(OrderCancelled.newBuilder().setOrderId(aggregateId), b -> b.setMetadata(meta))
                        .build().toByteArray();
            };
        }

        private <B> B with(B builder, java.util.function.Consumer<B> setMetadata) {
            if (metadata) {
                setMetadata.accept(builder);
            }
            return builder;
        }

        @Override
        public String toString() {
            return type + " " + malformations;
        }
    }
}
