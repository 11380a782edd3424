package dev.stranglerbookshop.notifications.events;

import com.google.protobuf.Timestamp;
import dev.stranglerbookshop.proto.common.v1.Money;
import dev.stranglerbookshop.proto.events.v1.EventMetadata;
import dev.stranglerbookshop.proto.events.v1.OrderCancelled;
import dev.stranglerbookshop.proto.events.v1.OrderLine;
import dev.stranglerbookshop.proto.events.v1.OrderPlaced;
import dev.stranglerbookshop.proto.events.v1.UserRegistered;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Publishes events the way the monolith's outbox relay does (proto/asyncapi.yaml), and reads dead letters back. */
public final class Events implements AutoCloseable {

    public static final String USERS = "bookshop.users.v1";
    public static final String ORDERS = "bookshop.orders.v1";

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;

    public Events(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000), new StringSerializer(), new ByteArraySerializer());
    }

    public void send(String topic, String key, byte[] value, Map<String, String> headers) throws Exception {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((k, v) -> recordHeaders.add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(new ProducerRecord<>(topic, null, key, value, recordHeaders)).get();
    }

    /** The headers the relay writes (asyncapi.yaml); {@code route} null leaves {@code notifications-route} out. */
    public static Map<String, String> headers(String type, UUID eventId, String route) {
        Map<String, String> headers = new HashMap<>(Map.of("event-type", type, "event-id", eventId.toString(),
                "schema-version", "1", "content-type", "application/x-protobuf"));
        if (route != null) {
            headers.put("notifications-route", route);
        }
        return headers;
    }

    /** Shadow mode: what the monolith says it sent, as the relay writes it. */
    public static Map<String, String> shadowHeaders(String type, UUID eventId, String recipient, String subject,
            String body) {
        Map<String, String> headers = headers(type, eventId, "shadow");
        headers.put("expected-recipient", recipient);
        headers.put("expected-subject", subject);
        headers.put("expected-body-sha256", sha256(body));
        return headers;
    }

    /** Written here, not taken from the service, so the service is compared with a reference it does not own. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static UserRegistered userRegistered(UUID userId, UUID eventId, String email, String name) {
        return UserRegistered.newBuilder().setMetadata(metadata(eventId, "UserRegistered", userId))
                .setUserId(userId.toString()).setEmail(email).setDisplayName(name).build();
    }

    public static OrderPlaced orderPlaced(UUID orderId, UUID eventId, UUID customerId, String email) {
        return OrderPlaced.newBuilder().setMetadata(metadata(eventId, "OrderPlaced", orderId))
                .setOrderId(orderId.toString()).setCustomerId(customerId.toString()).setCustomerEmail(email)
                .addLines(OrderLine.newBuilder().setBookId(UUID.randomUUID().toString()).setTitle("Middlemarch")
                        .setQuantity(2).setUnitPrice(euros("12.50")))
                .addLines(OrderLine.newBuilder().setBookId(UUID.randomUUID().toString()).setTitle("Emma")
                        .setQuantity(1).setUnitPrice(euros("8.00")))
                .setTotal(euros("33.00")).build();
    }

    public static OrderCancelled orderCancelled(UUID orderId, UUID eventId, UUID customerId, String email) {
        return OrderCancelled.newBuilder().setMetadata(metadata(eventId, "OrderCancelled", orderId))
                .setOrderId(orderId.toString()).setCustomerId(customerId.toString()).setCustomerEmail(email).build();
    }

    /**
     * What the monolith's Notifier renders for {@link #orderPlaced} (its template mail/order-placed.txt with
     * {@code quantity + " x " + title + " at " + unitPrice + " EUR"} lines), written out.
     */
    public static String monolithOrderPlacedBody(UUID orderId) {
        return "Thank you for your order " + orderId + ".\n"
                + "\n"
                + "2 x Middlemarch at 12.50 EUR\n"
                + "1 x Emma at 8.00 EUR\n"
                + "Total: 33.00 EUR\n"
                + "\n"
                + "We will tell you when it ships.\n"
                + "-- The Strangler Bookshop\n";
    }

    public static String monolithOrderPlacedSubject(UUID orderId) {
        return "Your order " + orderId.toString().substring(0, 8) + " is confirmed";
    }

    /** What the monolith's Notifier renders for a registration (mail/welcome.txt), written out. */
    public static String monolithWelcomeBody(String name) {
        return "Hello " + name + ",\n"
                + "\n"
                + "welcome to the Strangler Bookshop. Browse the catalog, search it, and order what you like.\n"
                + "\n"
                + "-- The Strangler Bookshop\n";
    }

    /** Key → dead-letter reason of every record on the topic's dead-letter twin, read for at most {@code wait}. */
    public Map<String, String> deadLetters(String topic, List<String> keys, Duration wait) {
        Map<String, String> reasons = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic + ".dlq"));
            long until = System.nanoTime() + wait.toNanos();
            while (!reasons.keySet().containsAll(keys) && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    var reason = r.headers().lastHeader("dead-letter-reason");
                    reasons.put(r.key(), reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8));
                });
            }
        }
        return reasons;
    }

    static EventMetadata metadata(UUID eventId, String type, UUID aggregateId) {
        return EventMetadata.newBuilder().setEventId(eventId.toString()).setEventType(type).setSchemaVersion(1)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000))
                .setAggregateId(aggregateId.toString()).build();
    }

    private static Money euros(String amount) {
        return Money.newBuilder().setCurrencyCode("EUR").setAmount(amount).build();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
