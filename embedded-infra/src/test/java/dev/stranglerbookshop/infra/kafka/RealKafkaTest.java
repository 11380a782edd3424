package dev.stranglerbookshop.infra.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RealKafkaTest {

    private static RealKafka kafka;

    @BeforeAll
    static void start() {
        kafka = RealKafka.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void producesAndConsumesThroughARealBroker() throws Exception {
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("infra.roundtrip", "key", "value-" + i)).get();
            }
        }
        List<String> values = new ArrayList<>();
        try (var consumer = consumer("roundtrip")) {
            consumer.subscribe(List.of("infra.roundtrip"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        // Same key, same partition: order is kept.
        assertThat(values).containsExactly("value-0", "value-1", "value-2");
    }

    @Test
    void topicsAreCreatedOnceWithTheStacksPartitionCount() throws Exception {
        List<String> topics = List.of("infra.created", "infra.created.dlq");

        kafka.createTopics(topics);
        kafka.createTopics(topics); // again: a restarted stack finds them there

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            var described = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(described.values()).hasSize(2)
                    .allSatisfy(topic -> assertThat(topic.partitions()).hasSize(RealKafka.PARTITIONS));
        }
    }

    @Test
    void theWaitForConsumersEndsOnlyOnceAGroupHoldsEveryPartition() throws Exception {
        List<String> topics = List.of("infra.consumed", "infra.consumed.later");
        kafka.createTopics(topics);

        assertThatThrownBy(() -> RealKafka.awaitConsumersAssigned(kafka.bootstrapServers(), List.of(),
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        // Nobody consumes yet: the wait names what is missing when its time is up.
        assertThatThrownBy(() -> RealKafka.awaitConsumersAssigned(kafka.bootstrapServers(), topics,
                Duration.ofMillis(500)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("infra.consumed-2");

        AtomicBoolean polling = new AtomicBoolean(true);
        List<CompletableFuture<Void>> consumers = new ArrayList<>();
        try {
            consumers.add(consume(polling, "infra-waiters", topics.get(0)));
            // One of the two topics held: the wait must not end, and names exactly the other one's partitions.
            RealKafka.awaitConsumersAssigned(kafka.bootstrapServers(), topics.subList(0, 1), Duration.ofSeconds(60));
            assertThatThrownBy(() -> RealKafka.awaitConsumersAssigned(kafka.bootstrapServers(), topics,
                    Duration.ofSeconds(3)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("[infra.consumed.later-0, infra.consumed.later-1, infra.consumed.later-2]");

            consumers.add(consume(polling, "infra-latecomers", topics.get(1)));
            RealKafka.awaitConsumersAssigned(kafka.bootstrapServers(), topics, Duration.ofSeconds(60));
        } finally {
            polling.set(false);
            for (CompletableFuture<Void> consumer : consumers) {
                consumer.get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theWaitForATopicThatDoesNotExistEndsWithTheReason() {
        // Long enough for a cold admin client's first answer (its first look may be cut short by the deadline).
        assertThatThrownBy(() -> RealKafka.awaitConsumersAssigned(kafka.bootstrapServers(), List.of("infra.absent"),
                Duration.ofSeconds(4)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("UnknownTopicOrPartition");
    }

    private static CompletableFuture<Void> consume(AtomicBoolean polling, String group, String topic) {
        return CompletableFuture.runAsync(() -> {
            try (var consumer = consumer(group)) {
                consumer.subscribe(List.of(topic));
                while (polling.get()) {
                    consumer.poll(Duration.ofMillis(100));
                }
            }
        }, task -> new Thread(task, "consumer-" + group).start()); // a thread each, whatever the common pool's size
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }
}
