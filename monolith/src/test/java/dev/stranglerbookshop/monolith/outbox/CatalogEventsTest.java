package dev.stranglerbookshop.monolith.outbox;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.stranglerbookshop.messaging.outbox.internal.OutboxMessage;
import dev.stranglerbookshop.monolith.Shop;
import dev.stranglerbookshop.proto.events.v1.BookCreated;
import dev.stranglerbookshop.proto.events.v1.BookDeleted;
import dev.stranglerbookshop.proto.events.v1.BookUpdated;
import dev.stranglerbookshop.proto.events.v1.StockChanged;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Catalog events (proto/bookshop/events/v1/catalog_events.proto) where events flow: every change to a book writes
 * one event in the changing transaction, keyed by the book, with a version that grows with every change, and they
 * reach {@code bookshop.catalog.v1} in that order. A change that is refused writes none.
 */
@QuarkusTest
@TestProfile(EventsOn.class)
class CatalogEventsTest {

    static final String CATALOG = "bookshop.catalog.v1";

    @Test
    void aBooksLifeIsPublishedInOrderWithGrowingVersions() throws Exception {
        String admin = Shop.admin();
        String customer = Shop.customer("catalog-events");
        String book = Shop.book("The Versioned Book", "created, edited, sold, returned, deleted", 4);
        Map<String, Object> edit = Map.of("isbn", Shop.randomIsbn13(), "title", "The Versioned Book, Revised",
                "authors", List.of("Test Author"), "description", "edited", "tags", List.of("test"),
                "price", 13.0, "stock", 5);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(edit).put("/api/books/" + book)
                .then().statusCode(200);
        // The same edit again changes nothing, so it is no event (and no version).
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(edit).put("/api/books/" + book)
                .then().statusCode(200);
        String order = OutboxRelayTest.order(customer, book);
        given().auth().oauth2(customer).contentType(ContentType.JSON).post("/api/orders/" + order + "/cancel")
                .then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/books/" + book).then().statusCode(204);

        List<OutboxMessage> rows = OutboxMessage.list("recordKey = ?1 order by position", book);
        assertThat(rows).extracting(row -> row.eventType)
                .containsExactly("BookCreated", "BookUpdated", "StockChanged", "StockChanged", "BookDeleted");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.topic).isEqualTo(CATALOG);
            assertThat(row.headers).containsEntry("event-type", row.eventType)
                    .containsEntry("event-id", row.eventId.toString()).containsEntry("schema-version", "1")
                    .doesNotContainKey("notifications-route");
        });

        BookCreated created = BookCreated.parseFrom(rows.get(0).payload);
        BookUpdated updated = BookUpdated.parseFrom(rows.get(1).payload);
        StockChanged sold = StockChanged.parseFrom(rows.get(2).payload);
        StockChanged returned = StockChanged.parseFrom(rows.get(3).payload);
        BookDeleted deleted = BookDeleted.parseFrom(rows.get(4).payload);
        assertThat(created.getBook().getTitle()).isEqualTo("The Versioned Book");
        assertThat(created.getBook().getStock()).isEqualTo(4);
        assertThat(created.getMetadata().getAggregateId()).isEqualTo(book);
        assertThat(created.getMetadata().getEventId()).isEqualTo(rows.get(0).eventId.toString());
        assertThat(updated.getBook().getTitle()).isEqualTo("The Versioned Book, Revised");
        assertThat(updated.getBook().getPrice().getAmount()).isEqualTo("13.00");
        assertThat(List.of(sold.getBook().getStock(), returned.getBook().getStock())).containsExactly(4, 5);
        assertThat(List.of(sold.getBook().getTitle(), returned.getBook().getTitle()))
                .as("the whole book after the stock moved").containsOnly("The Versioned Book, Revised");
        assertThat(deleted.getBookId()).isEqualTo(book);
        List<Long> versions = List.of(created.getBook().getVersion(), updated.getBook().getVersion(),
                sold.getBook().getVersion(), returned.getBook().getVersion(), deleted.getVersion());
        assertThat(versions).as("one more with every change, the deletion included").containsExactly(
                versions.get(0), versions.get(0) + 1, versions.get(0) + 2, versions.get(0) + 3, versions.get(0) + 4);
        assertThat(created.getBook().getVersion()).as("a new row's version").isZero();

        List<ConsumerRecord<String, byte[]>> published = EventLog.read(CATALOG,
                records -> records.stream().filter(r -> book.equals(r.key())).count() >= 5, Duration.ofSeconds(30));
        // At least once: a redelivered record (same event-id) may follow its first copy; the order is what counts.
        java.util.Set<String> seen = new java.util.HashSet<>();
        assertThat(published.stream().filter(r -> book.equals(r.key()))
                .filter(r -> seen.add(EventLog.header(r, "event-id"))).map(r -> EventLog.header(r, "event-type")))
                .as("one partition per book keeps the order").containsExactly("BookCreated", "BookUpdated",
                        "StockChanged", "StockChanged", "BookDeleted");
    }

    @Test
    void refusedChangesWriteNoEvent() throws InvalidProtocolBufferException {
        String admin = Shop.admin();
        String customer = Shop.customer("catalog-refusals");
        String one = Shop.book("The First Scarce Book", "one copy", 1);
        String other = Shop.book("The Second Scarce Book", "one copy", 1);
        // Stock is reserved in id order (java.util.UUID's): the first reserves, the second is short, so the order and
        // the first reservation roll back together, and the event the reservation wrote with them.
        List<String> inReservationOrder = java.util.stream.Stream.of(one, other).map(java.util.UUID::fromString)
                .sorted().map(Object::toString).toList();
        assertThat(OutboxMessage.count("recordKey", one)).as("its creation, the positive control").isEqualTo(1);

        given().auth().oauth2(customer).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("bookId", inReservationOrder.get(0), "quantity", 1),
                        Map.of("bookId", inReservationOrder.get(1), "quantity", 2))))
                .post("/api/orders").then().statusCode(409);
        // An edit the catalog refuses (no title).
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("isbn", Shop.randomIsbn13(), "title", "", "authors", List.of("Test Author"),
                        "price", 13.0, "stock", 5))
                .put("/api/books/" + one).then().statusCode(400);

        for (String book : List.of(one, other)) {
            assertThat(OutboxMessage.count("recordKey", book)).as(book).isEqualTo(1);
            OutboxMessage created = OutboxMessage.find("recordKey", book).firstResult();
            assertThat(BookCreated.parseFrom(created.payload).getBook().getStock()).isEqualTo(1);
        }
    }
}
