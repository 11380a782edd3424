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
        List<String> topics = List.of("infra.consumed");
        kafka.createTopics(topics);

        // Nobody consumes yet: the wait names what is missing when its time is up.
        assertThatThrownBy(() -> RealKafka.awaitConsumersAssigned(kafka.bootstrapServers(), topics,
                Duration.ofMillis(500)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("infra.consumed-2");

        AtomicBoolean polling = new AtomicBoolean(true);
        CompletableFuture<Void> consuming = CompletableFuture.runAsync(() -> {
            try (var consumer = consumer("infra-waiters")) {
                consumer.subscribe(topics);
                while (polling.get()) {
                    consumer.poll(Duration.ofMillis(100));
                }
            }
        });
        try {
            Duration took = RealKafka.awaitConsumersAssigned(kafka.bootstrapServers(), topics, Duration.ofSeconds(60));
            assertThat(took).isLessThan(Duration.ofSeconds(60));
        } finally {
            polling.set(false);
            consuming.get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }
}
