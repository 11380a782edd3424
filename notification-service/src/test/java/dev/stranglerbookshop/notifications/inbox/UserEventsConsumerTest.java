package dev.stranglerbookshop.notifications.inbox;

import com.google.protobuf.Timestamp;
import dev.stranglerbookshop.proto.events.v1.EventMetadata;
import dev.stranglerbookshop.proto.events.v1.UserRegistered;
import dev.stranglerbookshop.proto.notifications.v1.InboxService;
import dev.stranglerbookshop.proto.notifications.v1.ListInboxRequest;
import dev.stranglerbookshop.proto.notifications.v1.Notification;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Produce → broker → consumer → PostgreSQL → gRPC, all real. */
@QuarkusTest
class UserEventsConsumerTest {

    private static final String TOPIC = "bookshop.users.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @GrpcClient("inbox")
    InboxService inbox;

    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void openProducer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void aUserRegisteredEventBecomesOneWelcomeNotificationEvenWhenDeliveredTwice() throws Exception {
        UUID userId = UUID.randomUUID();
        UserRegistered event = userRegistered(userId, UUID.randomUUID());

        send(userId.toString(), event.toByteArray());
        send(userId.toString(), event.toByteArray());
        // A later, different event for the same user proves the duplicate was consumed (same partition, in order).
        send(userId.toString(), userRegistered(userId, UUID.randomUUID()).toByteArray());

        await().atMost(Duration.ofSeconds(30)).until(() -> inboxOf(userId).size() == 2);
        List<Notification> notifications = inboxOf(userId);
        assertThat(notifications).extracting(Notification::getKind).containsOnly("WELCOME");
        assertThat(notifications.get(0).getSubject()).isEqualTo("Welcome to the Strangler Bookshop, Ada");
        assertThat(notifications).extracting(Notification::getSourceEventId).doesNotHaveDuplicates()
                .contains(event.getMetadata().getEventId());
    }

    @Test
    void aMalformedEventIsParkedOnTheDeadLetterTopicAndLaterEventsStillArrive() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        send(poisonKey, "not protobuf at all".getBytes(StandardCharsets.UTF_8));
        UUID userId = UUID.randomUUID();
        send(userId.toString(), userRegistered(userId, UUID.randomUUID()).toByteArray());

        await().atMost(Duration.ofSeconds(30)).until(() -> inboxOf(userId).size() == 1);
        Map<String, String> reasons = deadLetterReasons();
        assertThat(reasons).containsKey(poisonKey);
        assertThat(reasons.get(poisonKey)).isNotBlank();
    }

    private void send(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
    }

    private List<Notification> inboxOf(UUID userId) {
        return inbox.listInbox(ListInboxRequest.newBuilder().setUserId(userId.toString()).build())
                .await().atMost(Duration.ofSeconds(5)).getNotificationsList();
    }

    /** Key → the reason header SmallRye writes on each dead-lettered record. */
    private Map<String, String> deadLetterReasons() {
        Map<String, String> reasons = new java.util.HashMap<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC + ".dlq"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (reasons.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    var reason = r.headers().lastHeader("dead-letter-reason");
                    reasons.put(r.key(), reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8));
                });
            }
        }
        return reasons;
    }

    private static UserRegistered userRegistered(UUID userId, UUID eventId) {
        return UserRegistered.newBuilder()
                .setMetadata(EventMetadata.newBuilder()
                        .setEventId(eventId.toString())
                        .setEventType("UserRegistered")
                        .setSchemaVersion(1)
                        .setOccurredAt(Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000))
                        .setAggregateId(userId.toString()))
                .setUserId(userId.toString())
                .setEmail("ada@example.org")
                .setDisplayName("Ada")
                .build();
    }
}
