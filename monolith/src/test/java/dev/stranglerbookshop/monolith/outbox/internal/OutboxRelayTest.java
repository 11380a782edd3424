package dev.stranglerbookshop.monolith.outbox.internal;

import dev.stranglerbookshop.monolith.Shop;
import dev.stranglerbookshop.monolith.outbox.EventLog;
import dev.stranglerbookshop.monolith.outbox.EventsOn;
import dev.stranglerbookshop.monolith.outbox.Outbox;
import dev.stranglerbookshop.monolith.outbox.OutgoingEvent;
import dev.stranglerbookshop.monolith.outbox.RestartableKafka;
import dev.stranglerbookshop.proto.events.v1.OrderPlaced;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The transactional outbox and its relay against a real PostgreSQL and a real Kafka broker that we stop and start. */
@QuarkusTest
@TestProfile(EventsOn.class)
class OutboxRelayTest {

    static final String ORDERS = "bookshop.orders.v1";

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    InMemorySpanExporter spans;

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
    void relaysRunningAtOnceNeverSendARowTwice() throws Exception {
        String topic = "bookshop.test-relay." + UUID.randomUUID();
        List<UUID> ids = IntStream.range(0, 300).mapToObj(i -> UUID.randomUUID()).toList();
        QuarkusTransaction.requiringNew().run(() -> ids.forEach(id -> outbox.append(new OutgoingEvent(id, topic,
                "same-key", "TestEvent", id.toString().getBytes(), Map.of("event-id", id.toString())))));

        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> relays = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                relays.add(pool.submit(() -> {
                    while (QuarkusTransaction.requiringNew()
                            .call(() -> OutboxMessage.count("topic = ?1 and publishedAt is null", topic)) > 0) {
                        QuarkusTransaction.requiringNew().call(relay::publishBatch);
                    }
                }));
            }
            for (Future<?> r : relays) {
                r.get();
            }
        } finally {
            pool.shutdown();
        }
        var records = EventLog.read(topic, r -> r.size() >= ids.size(), Duration.ofSeconds(20));
        // A little longer: a duplicate would arrive right behind the others.
        records = EventLog.read(topic, r -> false, Duration.ofSeconds(2));
        assertThat(records).extracting(r -> EventLog.header(r, "event-id"))
                .containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
    }

    @Test
    void theRelaysOwnPollingLeavesNoTraces() throws Exception {
        Thread.sleep(300); // let spans of earlier requests finish
        spans.reset();
        Thread.sleep(1_000); // about ten idle relay ticks, each with its database queries
        assertThat(spans.getFinishedSpanItems()).extracting(s -> s.getName()).isEmpty();
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
