package dev.stranglerbookshop.notifications.events;

import com.google.protobuf.Timestamp;
import dev.stranglerbookshop.proto.common.v1.Money;
import dev.stranglerbookshop.proto.events.v1.EventMetadata;
import dev.stranglerbookshop.proto.events.v1.OrderLine;
import dev.stranglerbookshop.proto.events.v1.OrderPlaced;
import dev.stranglerbookshop.proto.events.v1.UserRegistered;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

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
        send(topic, key, value, recordHeaders(headers));
    }

    /** Sends exactly these headers and value, null or repeated ones included (shapes the relay never writes). */
    public void send(String topic, String key, byte[] value, Headers headers) throws Exception {
        producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
    }

    public static RecordHeaders recordHeaders(Map<String, String> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((k, v) -> recordHeaders.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return recordHeaders;
    }

    public static Map<String, String> headers(String type, String route) {
        Map<String, String> headers = new HashMap<>(Map.of("event-type", type, "schema-version", "1"));
        if (route != null) {
            headers.put("notifications-route", route);
        }
        return headers;
    }

    public static UserRegistered userRegistered(UUID userId, UUID eventId, String email, String name) {
        return userRegistered(userId, eventId, email, name, Instant.now());
    }

    public static UserRegistered userRegistered(UUID userId, UUID eventId, String email, String name,
            Instant occurredAt) {
        return UserRegistered.newBuilder().setMetadata(metadata(eventId, "UserRegistered", userId, occurredAt))
                .setUserId(userId.toString()).setEmail(email).setDisplayName(name).build();
    }

    public static OrderPlaced orderPlaced(UUID orderId, UUID eventId, UUID customerId, String email) {
        return OrderPlaced.newBuilder().setMetadata(metadata(eventId, "OrderPlaced", orderId, Instant.now()))
                .setOrderId(orderId.toString()).setCustomerId(customerId.toString()).setCustomerEmail(email)
                .addLines(OrderLine.newBuilder().setBookId(UUID.randomUUID().toString()).setTitle("Middlemarch")
                        .setQuantity(2).setUnitPrice(euros("12.50")))
                .addLines(OrderLine.newBuilder().setBookId(UUID.randomUUID().toString()).setTitle("Emma")
                        .setQuantity(1).setUnitPrice(euros("8.00")))
                .setTotal(euros("33.00")).build();
    }

    /** Key → dead-letter reason of every record on the topic's dead-letter twin, read for at most {@code wait}. */
    public Map<String, String> deadLetters(String topic, List<String> keys, Duration wait) {
        Map<String, String> reasons = new HashMap<>();
        readDeadLetters(topic, wait, r -> reasons.put(r.key(), reason(r)), () -> reasons.keySet().containsAll(keys));
        return reasons;
    }

    /** The dead-letter reasons of the records with this key, in their order, once {@code count} are read or at most
     * {@code wait} has passed. */
    public List<String> deadLetterReasons(String topic, String key, int count, Duration wait) {
        List<String> reasons = new ArrayList<>();
        readDeadLetters(topic, wait, r -> {
            if (key.equals(r.key())) {
                reasons.add(reason(r));
            }
        }, () -> reasons.size() >= count);
        return reasons;
    }

    /**
     * What each key left on the topic's dead-letter twin, read up to a positive control: first a poison record (an
     * unknown {@code event-type} named for this call) is sent under every key, so it is parked on the same partition
     * behind anything those keys' earlier records left; reading stops once every control is there. An empty answer
     * thus means nothing was dead-lettered, and the dead-letter path was seen working in the same window.
     *
     * @return key → the dead-letter reasons found ahead of its control, in order; keys with none are absent
     * @throws AssertionError when a control is not parked within {@code wait} (then an absence would prove nothing)
     */
    public Map<String, List<String>> deadLettersAheadOfControls(String topic, List<String> keys, Duration wait)
            throws Exception {
        String marker = "Control" + UUID.randomUUID().toString().replace("-", "");
        Set<String> expected = new HashSet<>(keys);
        for (String key : expected) {
            send(topic, key, new byte[0], headers(marker, "service"));
        }
        Map<String, List<String>> ahead = new HashMap<>();
        Set<String> controlled = new HashSet<>();
        readDeadLetters(topic, wait, r -> {
            if (!expected.contains(r.key()) || controlled.contains(r.key())) {
                return;
            }
            String reason = reason(r);
            if (reason != null && reason.contains(marker)) {
                controlled.add(r.key());
            } else {
                ahead.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(reason);
            }
        }, () -> controlled.equals(expected));
        if (!controlled.equals(expected)) {
            throw new AssertionError("only " + controlled.size() + " of " + expected.size() + " control records were "
                    + "dead-lettered within " + wait + ": the dead-letter path is not working, so no absence holds");
        }
        return ahead;
    }

    private void readDeadLetters(String topic, Duration wait, Consumer<ConsumerRecord<String, byte[]>> each,
            BooleanSupplier done) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic + ".dlq"));
            long until = System.nanoTime() + wait.toNanos();
            while (!done.getAsBoolean() && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(300)).forEach(each);
            }
        }
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        var reason = record.headers().lastHeader("dead-letter-reason");
        return reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8);
    }

    private static EventMetadata metadata(UUID eventId, String type, UUID aggregateId, Instant occurredAt) {
        return EventMetadata.newBuilder().setEventId(eventId.toString()).setEventType(type).setSchemaVersion(1)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(occurredAt.getEpochSecond())
                        .setNanos(occurredAt.getNano()))
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
