package dev.stranglerbookshop.messaging.outbox.internal;

import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A broker whose host name does not resolve (yet): Kafka's producer constructor refuses it outright ("No resolvable
 * bootstrap urls"), and that must neither stop the application's start nor lose the event, which stays pending.
 */
class KafkaPublisherTest {

    private static final OutboxSettings SETTINGS = new OutboxSettings() {
        public Duration pollInterval() { return Duration.ofSeconds(1); }
        public int batchSize() { return 10; }
        public Duration publishDeadline() { return Duration.ofSeconds(2); }
        public int maxAttempts() { return 5; }
        public Duration retention() { return Duration.ofDays(7); }
        public boolean publisher() { return true; }
    };

    private final OpenTelemetry telemetry = OpenTelemetry.noop();
    // RFC 6761: .invalid never resolves.
    private final KafkaPublisher publisher = new KafkaPublisher("nowhere.invalid:9092", "test", SETTINGS, telemetry,
            telemetry.getTracer("test"));

    @Test
    void anUnresolvableBrokerDoesNotStopTheStart() {
        assertThatCode(publisher::connect).doesNotThrowAnyException();
    }

    @Test
    void anUnresolvableBrokerLeavesTheBatchPendingWithoutARefusal() {
        publisher.connect();
        OutboxMessage message = new OutboxMessage();
        message.eventId = UUID.randomUUID();
        message.topic = "bookshop.orders.v1";
        message.recordKey = "1";
        message.eventType = "OrderPlaced";
        message.payload = "{}".getBytes(StandardCharsets.UTF_8);
        message.headers = Map.of();
        message.createdAt = Instant.now();

        KafkaPublisher.Outcome outcome = publisher.publish(List.of(message));

        assertThat(outcome.acknowledged()).isZero();
        assertThat(outcome.refusal()).as("an outage, not the record's fault: it must not count as an attempt").isNull();
        publisher.close();
    }
}
