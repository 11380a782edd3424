package dev.stranglerbookshop.monolith.outbox;

import dev.stranglerbookshop.messaging.outbox.Outbox;
import dev.stranglerbookshop.messaging.outbox.OutgoingEvent;
import dev.stranglerbookshop.messaging.outbox.internal.CommitListener;
import dev.stranglerbookshop.messaging.outbox.internal.OutboxMessage;
import dev.stranglerbookshop.messaging.outbox.internal.OutboxRelay;
import dev.stranglerbookshop.messaging.outbox.internal.OutboxSettings;
import dev.stranglerbookshop.monolith.Shop;
import dev.stranglerbookshop.proto.events.v1.OrderPlaced;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The transactional outbox and its relay against a real PostgreSQL and a real Kafka broker that we stop and start. */
@QuarkusTest
@TestProfile(EventsOn.class)
class OutboxRelayTest {

    static final String ORDERS = "bookshop.orders.v1";
    static final String RELAY_JOB = OutboxRelay.RELAY_JOB;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    Scheduler scheduler;

    @Inject
    EntityManager entities;

    @Inject
    OutboxSettings settings;

    @Inject
    AgroalDataSource database;

    @Test
    void anOrderAndItsEventCommitTogetherAndARefusedOrderWritesNoEvent() {
        String token = Shop.customer("outboxer");
        String book = Shop.book("The Outbox Book", "events in one transaction", 1);
        long before = OutboxMessage.count("eventType", "OrderPlaced");

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("bookId", book, "quantity", 2))))
                .post("/api/orders").then().statusCode(409);
        assertThat(OutboxMessage.count("eventType", "OrderPlaced")).isEqualTo(before);

        String orderId = order(token, book);
        OutboxMessage message = OutboxMessage.find("recordKey", orderId).firstResult();
        assertThat(message.topic).isEqualTo(ORDERS);
        assertThat(message.eventType).isEqualTo("OrderPlaced");
        assertThat(message.headers).containsEntry("event-type", "OrderPlaced")
                .containsEntry("event-id", message.eventId.toString())
                .containsEntry("schema-version", "1")
                .containsKey("traceparent");
    }

    @Test
    void eventsReachKafkaInOrderPerOrderWithTheirHeadersAndANewSpanInTheTrace() throws Exception {
        String token = Shop.customer("follower");
        String book = Shop.book("The Ordered Events Book", "placed, then cancelled", 5);
        String orderId = order(token, book);
        given().auth().oauth2(token).contentType(ContentType.JSON).post("/api/orders/" + orderId + "/cancel").then().statusCode(200);

        List<ConsumerRecord<String, byte[]>> records = ofKey(orderId, EventLog.read(ORDERS,
                r -> ofKey(orderId, r).size() >= 2, Duration.ofSeconds(20)));
        assertThat(records).extracting(r -> EventLog.header(r, "event-type"))
                .containsExactly("OrderPlaced", "OrderCancelled");
        OrderPlaced placed = OrderPlaced.parseFrom(records.get(0).value());
        assertThat(placed.getOrderId()).isEqualTo(orderId);
        assertThat(placed.getLinesList()).singleElement().satisfies(line -> {
            assertThat(line.getTitle()).isEqualTo("The Ordered Events Book");
            assertThat(line.getQuantity()).isEqualTo(1);
            assertThat(line.getUnitPrice().getAmount()).isEqualTo("12.50");
        });
        assertThat(placed.getTotal().getAmount()).isEqualTo("12.50");
        assertThat(EventLog.header(records.get(0), "event-id")).isEqualTo(placed.getMetadata().getEventId());
        // The record carries the relay's PRODUCER span: same trace as the request that wrote the row, new span.
        OutboxMessage stored = OutboxMessage.find("eventId", UUID.fromString(placed.getMetadata().getEventId()))
                .firstResult();
        String written = stored.headers.get("traceparent");
        String published = EventLog.header(records.get(0), "traceparent");
        assertThat(published.split("-")[1]).isEqualTo(written.split("-")[1]);
        assertThat(published.split("-")[2]).isNotEqualTo(written.split("-")[2]);
    }

    @Test
    void whileKafkaIsDownOrdersSucceedRowsPileUpAndThenDrainInOrder() {
        String token = Shop.customer("patient");
        String book = Shop.book("The Outage Book", "waits for the broker", 50);
        RestartableKafka.stopBroker();
        List<String> orders = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                orders.add(order(token, book)); // each a 201 while the broker is down
            }
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(metric("outbox_pending_messages")).isGreaterThanOrEqualTo(5);
                assertThat(metric("outbox_oldest_pending_age_seconds")).isGreaterThan(0.5);
            });
            assertThat(orders.stream().filter(this::published)).isEmpty();
        } finally {
            RestartableKafka.startBroker();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> orders.stream().allMatch(this::published));
        var records = EventLog.read(ORDERS, r -> orders.stream().allMatch(o -> !ofKey(o, r).isEmpty()),
                Duration.ofSeconds(20));
        for (String order : orders) {
            assertThat(ofKey(order, records)).isNotEmpty()
                    .allSatisfy(r -> assertThat(EventLog.header(r, "event-type")).isEqualTo("OrderPlaced"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("outbox_pending_messages") == 0);
    }

    @Test
    void twoRelaysInsideABatchAtTheSameMomentSendEveryRowExactlyOnce() throws Exception {
        String topic = EventLog.newTopic("race");
        pauseScheduledRelay();
        try {
            List<UUID> ids = append(topic, smallPayloads(3 * settings.batchSize()));
            assertThat(pending(topic)).as("the paused relay left them all to the two below").isEqualTo(ids.size());

            // Each relay waits, inside its batch transaction, until the other is inside its own: they overlap.
            CountDownLatch bothInside = new CountDownLatch(2);
            List<Integer> overlapping = together(2, () -> QuarkusTransaction.requiringNew().call(() -> {
                int published = relay.publishBatch();
                bothInside.countDown();
                assertThat(bothInside.await(20, TimeUnit.SECONDS)).as("the other relay reached its batch").isTrue();
                return published;
            }));
            assertThat(overlapping).as("one relay holds the lock and sends a batch; the other, at that moment, nothing")
                    .containsExactlyInAnyOrder(0, settings.batchSize());

            // Then both race freely until nothing is left.
            List<Integer> racing = together(2, () -> {
                int published = 0;
                while (pending(topic) > 0) {
                    published += QuarkusTransaction.requiringNew().call(relay::publishBatch);
                }
                return published;
            });
            assertThat(sum(overlapping) + sum(racing)).as("rows marked sent, over all calls").isEqualTo(ids.size());
            assertOnTopicExactlyOnceInOrder(topic, ids);
        } finally {
            resumeScheduledRelay();
        }
    }

    /**
     * The relay does not wait for its poll (1 s): each row is handed to Kafka right after its commit. Measured from the
     * commit to the record's timestamp (set by the producer when the relay sends it). Polling alone would give a median
     * near half the poll interval.
     */
    @Test
    void aCommittedRowGoesOutRightAfterItsCommitNotAtTheNextPoll() {
        String topic = EventLog.newTopic("wake-up");
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID id = append(topic, smallPayloads(1)).get(0);
            long committed = System.currentTimeMillis();
            latencies.add(publishedAfter(topic, id, committed));
        }
        assertPublishedLongBeforeThePoll(latencies);
    }

    /**
     * Another instance's commit: a row written by a separate database session (as another monolith would), with the
     * NOTIFY its outbox sends, is published by this instance's relay at once. No in-process wake-up can reach it, only
     * LISTEN.
     */
    @Test
    void anotherInstancesCommitWakesThisRelayThroughNotify() throws Exception {
        String topic = EventLog.newTopic("notify");
        List<Long> latencies = new ArrayList<>();
        try (Connection other = database.getConnection()) {
            other.setAutoCommit(false);
            for (int i = 0; i < 10; i++) {
                UUID id = UUID.randomUUID();
                try (var insert = other.prepareStatement("""
                        INSERT INTO outbox.messages (event_id, topic, record_key, event_type, payload, headers, created_at)
                        VALUES (?, ?, 'same-key', 'TestEvent', ?, ?::jsonb, now())""");
                        var notify = other.createStatement()) {
                    insert.setObject(1, id);
                    insert.setString(2, topic);
                    insert.setBytes(3, small(i));
                    insert.setString(4, "{\"event-id\": \"" + id + "\"}");
                    insert.executeUpdate();
                    notify.execute("NOTIFY " + CommitListener.CHANNEL);
                }
                other.commit();
                latencies.add(publishedAfter(topic, id, System.currentTimeMillis()));
            }
        }
        assertPublishedLongBeforeThePoll(latencies);
    }

    /** Waits for the row's record on the broker; its latency in ms from {@code committedAtMs} to the record's timestamp. */
    private static long publishedAfter(String topic, UUID id, long committedAtMs) {
        var records = EventLog.read(topic, r -> r.stream().anyMatch(c -> isEvent(c, id)), Duration.ofSeconds(20));
        return records.stream().filter(c -> isEvent(c, id)).findFirst().orElseThrow().timestamp() - committedAtMs;
    }

    private static boolean isEvent(ConsumerRecord<String, byte[]> record, UUID id) {
        return id.toString().equals(EventLog.header(record, "event-id"));
    }

    private void assertPublishedLongBeforeThePoll(List<Long> latencies) {
        List<Long> sorted = latencies.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        assertThat(median).as("median ms from commit to Kafka, of %s (poll interval %s)", sorted, settings.pollInterval())
                .isLessThan(settings.pollInterval().toMillis() / 4);
    }

    @Test
    void oneTickPublishesMoreRowsThanABatchInSuccessiveBatches() {
        String topic = EventLog.newTopic("batches");
        pauseScheduledRelay();
        try {
            List<UUID> ids = append(topic, smallPayloads(2 * settings.batchSize() + 50));
            assertThat(pending(topic)).as("the paused relay left them all to the tick below").isEqualTo(ids.size());

            relay.tick();

            assertThat(pending(topic)).as("three batches in one tick").isZero();
            assertOnTopicExactlyOnceInOrder(topic, ids);
        } finally {
            resumeScheduledRelay();
        }
    }

    @Test
    void aBatchKafkaPartlyRefusesMarksOnlyTheAcknowledgedRowsAndTheRestGoesOutOnceFixed() {
        partlyRefusedBatch(EventLog.newTopic("partial"), tooLarge());
    }

    /**
     * The broker's own refusal, not the producer's: the record fits the producer's max.request.size and leaves, but the
     * topic's max.message.bytes is smaller, so the broker answers the batch with MESSAGE_TOO_LARGE after the rows before
     * it were sent along. The producer splits the batch, the broker acknowledges those rows and refuses the large one.
     */
    @Test
    void aBatchTheBrokerPartlyRefusesMarksOnlyTheAcknowledgedRowsAndTheRestGoesOutOnceFixed() {
        int limit = 16 * 1024;
        partlyRefusedBatch(EventLog.newTopic("broker-partial", Map.of("max.message.bytes", String.valueOf(limit))),
                new byte[4 * limit]);
    }

    private void partlyRefusedBatch(String topic, byte[] refused) {
        pauseScheduledRelay();
        try {
            List<UUID> ids = append(topic, List.of(small(0), small(1), refused, small(3), small(4)));

            assertThat(QuarkusTransaction.requiringNew().call(relay::publishBatch)).isEqualTo(2);
            assertThat(states(ids)).containsExactly("sent", "sent", "pending", "pending", "pending");
            assertThat(message(ids.get(2)).attempts).as("one refusal counted, not yet parked").isEqualTo(1);
            assertThat(EventLog.count(topic)).as("only the acknowledged rows reached the broker").isEqualTo(2);

            QuarkusTransaction.requiringNew().run(() -> message(ids.get(2)).payload = small(2)); // an operator's fix
            assertThat(QuarkusTransaction.requiringNew().call(relay::publishBatch)).isEqualTo(3);
            assertThat(states(ids)).containsOnly("sent");
            assertOnTopicExactlyOnceInOrder(topic, ids);
        } finally {
            // Should it fail half-way, its refused row must not head the queue of the tests after it.
            QuarkusTransaction.requiringNew()
                    .run(() -> OutboxMessage.delete("topic = ?1 and publishedAt is null", topic));
            resumeScheduledRelay();
        }
    }

    @Test
    void aRowKafkaKeepsRefusingIsParkedAfterMaxAttemptsAndTheRowsBehindItGoOut() {
        String topic = EventLog.newTopic("poison");
        List<UUID> ids = append(topic, List.of(tooLarge(), small(1), small(2), small(3)));
        UUID poison = ids.get(0);
        List<UUID> behind = ids.subList(1, ids.size());
        try {
            // The scheduled relay, as in production.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(states(ids)).containsExactly("parked", "sent", "sent", "sent"));
            OutboxMessage parked = message(poison);
            assertThat(parked.attempts).as("tried a bounded number of times").isEqualTo(settings.maxAttempts());
            assertThat(parked.failure).contains("RecordTooLargeException");
            assertThat(parked.publishedAt).isNull();
            assertOnTopicExactlyOnceInOrder(topic, behind); // and never the parked row
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(metric("outbox_parked_messages")).isGreaterThanOrEqualTo(1));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> OutboxMessage.delete("eventId", poison));
        }
    }

    @Test
    void retentionDeletesSentRowsOlderThanItAndKeepsRecentAndPendingOnes() {
        String topic = EventLog.newTopic("retention");
        pauseScheduledRelay();
        try {
            List<UUID> ids = append(topic, smallPayloads(3));
            Instant now = Instant.now();
            Instant beyond = now.minus(settings.retention()).minus(Duration.ofMinutes(10));
            Instant within = now.minus(settings.retention()).plus(Duration.ofMinutes(10));
            QuarkusTransaction.requiringNew().run(() -> {
                stamp(ids.get(0), beyond, beyond);
                stamp(ids.get(1), beyond, within);
                stamp(ids.get(2), beyond, null); // still pending, however old
            });

            relay.forgetPublished();

            assertThat(states(ids)).containsExactly("deleted", "sent", "pending");
        } finally {
            resumeScheduledRelay();
        }
    }

    @Test
    void theRelaysOwnPollingLeavesNoTraces() {
        String topic = EventLog.newTopic("untraced");
        // Spans of earlier requests end while a first row goes out; then the window opens.
        UUID settle = append(topic, smallPayloads(1)).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> publishSpans().contains(settle.toString()));
        spans.reset();
        // Two rows published in the window prove the relay ticked in it, and that its spans are recorded.
        UUID first = append(topic, smallPayloads(1)).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> publishSpans().contains(first.toString()));
        UUID second = append(topic, smallPayloads(1)).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> publishSpans().contains(second.toString()));
        // The test's own two INSERTs are there (statements are traced in this window); the relay's SELECTs and
        // UPDATEs of its ticks are not.
        assertThat(spans.getFinishedSpanItems()).as("the test's inserts and the two publish spans, nothing else")
                .extracting(s -> s.getName()).containsExactlyInAnyOrder("INSERT outbox.messages",
                        "INSERT outbox.messages", "publish " + topic, "publish " + topic);
    }

    /** Pauses the scheduled relay and waits out a batch it may be in, so only the test's own calls publish. */
    private void pauseScheduledRelay() {
        scheduler.pause(RELAY_JOB);
        QuarkusTransaction.requiringNew().run(() -> entities
                .createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:lock)) AS waited")
                .setParameter("lock", OutboxRelay.RELAY_LOCK).getSingleResult());
    }

    private void resumeScheduledRelay() {
        scheduler.resume(RELAY_JOB);
    }

    /** One event per payload, in that order, in one transaction; returns their ids. */
    private List<UUID> append(String topic, List<byte[]> payloads) {
        List<UUID> ids = payloads.stream().map(p -> UUID.randomUUID()).toList();
        QuarkusTransaction.requiringNew().run(() -> IntStream.range(0, ids.size()).forEach(i -> outbox.append(
                new OutgoingEvent(ids.get(i), topic, "same-key", "TestEvent", payloads.get(i),
                        Map.of("event-id", ids.get(i).toString())))));
        return ids;
    }

    private static List<byte[]> smallPayloads(int count) {
        return IntStream.range(0, count).mapToObj(OutboxRelayTest::small).toList();
    }

    private static byte[] small(int i) {
        return ("event " + i).getBytes(StandardCharsets.UTF_8);
    }

    /** Over the producer's max.request.size (1 MiB by default): the producer refuses it before it leaves. */
    private static byte[] tooLarge() {
        return new byte[2 * 1024 * 1024];
    }

    private static long pending(String topic) {
        return QuarkusTransaction.requiringNew()
                .call(() -> OutboxMessage.count("topic = ?1 and publishedAt is null and failedAt is null", topic));
    }

    private static OutboxMessage message(UUID eventId) {
        return OutboxMessage.find("eventId", eventId).firstResult();
    }

    private static List<String> states(List<UUID> ids) {
        return QuarkusTransaction.requiringNew().call(() -> ids.stream().map(OutboxRelayTest::message)
                .map(m -> m == null ? "deleted" : m.publishedAt != null ? "sent" : m.failedAt != null ? "parked"
                        : "pending")
                .toList());
    }

    private static void stamp(UUID eventId, Instant created, Instant published) {
        OutboxMessage message = message(eventId);
        message.createdAt = created;
        message.publishedAt = published;
    }

    private List<String> publishSpans() {
        return spans.getFinishedSpanItems().stream()
                .map(s -> s.getAttributes().get(AttributeKey.stringKey("messaging.message.id")))
                .filter(java.util.Objects::nonNull).toList();
    }

    /** Reads them back in order, and checks the broker holds no more records than that (no duplicate anywhere). */
    private static void assertOnTopicExactlyOnceInOrder(String topic, List<UUID> ids) {
        var records = EventLog.read(topic, r -> r.size() >= ids.size(), Duration.ofSeconds(20));
        assertThat(records).extracting(r -> EventLog.header(r, "event-id"))
                .containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
        assertThat(EventLog.count(topic)).as("records on the broker, duplicates included").isEqualTo(ids.size());
    }

    private static <T> List<T> together(int threads, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> running = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                running.add(pool.submit(work));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> one : running) {
                results.add(one.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int sum(List<Integer> counts) {
        return counts.stream().mapToInt(Integer::intValue).sum();
    }

    private boolean published(String orderId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OutboxMessage message = OutboxMessage.find("recordKey", orderId).firstResult();
            return message != null && message.publishedAt != null;
        });
    }

    private static List<ConsumerRecord<String, byte[]>> ofKey(String key, List<ConsumerRecord<String, byte[]>> all) {
        return all.stream().filter(r -> key.equals(r.key())).toList();
    }

    static String order(String token, String book) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("bookId", book, "quantity", 1))))
                .post("/api/orders").then().statusCode(201).extract().path("id");
    }

    static double metric(String name) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        var sample = java.util.regex.Pattern.compile("^" + name + "(\\{[^}]*})? (\\S+)");
        return text.lines().map(sample::matcher).filter(java.util.regex.Matcher::find)
                .mapToDouble(m -> Double.parseDouble(m.group(2))).sum();
    }
}
