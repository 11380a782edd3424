package dev.stranglerbookshop.search.copy;

import dev.stranglerbookshop.contracts.events.Topics;
import dev.stranglerbookshop.infra.kafka.RealKafka;
import dev.stranglerbookshop.proto.catalog.v1.Book;
import dev.stranglerbookshop.proto.events.v1.BookUpdated;
import dev.stranglerbookshop.proto.search.v1.SearchRequest;
import dev.stranglerbookshop.proto.search.v1.SearchService;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * search-service at stage 4 against a real PostgreSQL and a real Kafka broker: catalog events feed the own index,
 * the backfill pages the catalog, reconciliation compares and repairs, the lag gauge returns to 0. The catalog is
 * {@link CatalogStandIn} on this app's gRPC server.
 */
@QuarkusTest
@TestProfile(CopyOn.class)
class CatalogCopyPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    @GrpcService // the qualifier Quarkus gives every gRPC service bean
    CatalogStandIn catalog;
    @Inject
    Backfill backfill;
    @Inject
    Reconciliation reconciliation;
    @Inject
    IndexLag lag;
    @Inject
    DataSource database;
    @GrpcClient("search")
    SearchService search;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeAll
    static void subscribed() {
        String servers = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("kafka.bootstrap.servers", String.class);
        RealKafka.awaitConsumersAssigned(servers, List.of(Topics.CATALOG), Duration.ofSeconds(60));
    }

    @BeforeEach
    void emptyCatalogAndCaughtUpIndex() throws SQLException {
        await().atMost(WAIT).until(() -> lag.records() == 0);
        catalog.reset();
        try (Connection connection = database.getConnection()) {
            connection.createStatement().execute("TRUNCATE search.book_documents, search.book_versions, "
                    + "search.backfill_checkpoints");
        }
    }

    @Test
    void catalogEventsMakeABookSearchableAndAnOlderEventNeverOverwritesANewerOne() {
        Book created = catalog.create("Whalesong Atlas");
        await().atMost(WAIT).until(() -> titles("whalesong").equals(List.of("Whalesong Atlas")));

        Book renamed = catalog.change(created.getId(), false, book -> book.setTitle("Whalesong Atlas, Revised"));
        await().atMost(WAIT).until(() -> titles("revised").equals(List.of("Whalesong Atlas, Revised")));

        // An edit older than the rename (reordered), then a newer change of the same book behind it on its partition:
        // once the newer one is applied, the older one was handled before it, and changed nothing.
        catalog.publish("BookUpdated", created.getId(), BookUpdated.newBuilder()
                .setMetadata(CatalogStandIn.metadata("BookUpdated", created.getId()))
                .setBook(created.toBuilder().setTitle("Stale Whalesong")).build().toByteArray());
        Book restocked = catalog.change(created.getId(), true, book -> book.setStock(9));
        await().atMost(WAIT).until(() -> version(created.getId()).equals(Optional.of(restocked.getVersion())));
        assertThat(titles("whalesong")).containsExactly("Whalesong Atlas, Revised");
        assertThat(titles("stale")).isEmpty();

        catalog.delete(created.getId());
        await().atMost(WAIT).until(() -> titles("whalesong").isEmpty());
        // A late update from before the deletion, then a poison record with the same key behind it: once the poison
        // is dead-lettered, the late update was handled, and the tombstone kept the book out.
        catalog.publish("BookUpdated", created.getId(), BookUpdated.newBuilder()
                .setMetadata(CatalogStandIn.metadata("BookUpdated", created.getId()))
                .setBook(renamed).build().toByteArray());
        catalog.publish("BookUpdated", created.getId(), "after the late update".getBytes(StandardCharsets.UTF_8));
        assertThat(deadLetters(List.of(created.getId()))).containsKey(created.getId());
        assertThat(titles("whalesong")).isEmpty();
    }

    @Test
    void theLagGaugeShowsAChangeHeldBackAndReturnsToZeroOnceItIsApplied() throws SQLException {
        Book book = catalog.create("Held Back Chronicle");
        await().atMost(WAIT).until(() -> titles("chronicle").size() == 1);
        try (Connection holder = database.getConnection()) {
            holder.setAutoCommit(false);
            // The consumer's next write of this book waits for this row lock, as it would for a slow database.
            holder.createStatement().execute("SELECT 1 FROM search.book_versions WHERE book_id = '" + book.getId()
                    + "' FOR UPDATE");
            catalog.change(book.getId(), true, held -> held.setStock(7));
            await().atMost(WAIT).until(() -> lag.records() >= 1 && lag.seconds() >= 1);
            given().get("/q/metrics").then().statusCode(200)
                    .body(org.hamcrest.Matchers.containsString("search_index_lag_seconds"));
            holder.rollback();
        }
        await().atMost(WAIT).until(() -> lag.records() == 0 && lag.seconds() == 0);
        assertThat(version(book.getId())).contains(1L);
    }

    @Test
    void poisonRecordsAreDeadLetteredWithTheirReasonAndTheNextRecordIsApplied() {
        String garbage = UUID.randomUUID().toString();
        String wrongKey = UUID.randomUUID().toString();
        String nul = UUID.randomUUID().toString();
        String dollars = UUID.randomUUID().toString();
        catalog.publish("BookCreated", garbage, "not protobuf".getBytes(StandardCharsets.UTF_8));
        catalog.publish(null, UUID.randomUUID().toString(), new byte[] {1});
        catalog.publish("BookCreated", wrongKey, created(CatalogStandIn.book(UUID.randomUUID(), "Misfiled", 0)));
        catalog.publish("BookCreated", nul, created(CatalogStandIn.book(UUID.fromString(nul), "Nul\0Title", 0)));
        Book inDollars = CatalogStandIn.book(UUID.fromString(dollars), "Dollar Book", 0);
        catalog.publish("BookCreated", dollars, created(inDollars.toBuilder()
                .setPrice(inDollars.getPrice().toBuilder().setCurrencyCode("USD")).build()));
        catalog.create("Survivor Of Poison");

        await().atMost(WAIT).until(() -> titles("survivor").size() == 1);
        Map<String, String> reasons = deadLetters(List.of(garbage, wrongKey, nul, dollars));
        assertThat(reasons.get(garbage)).contains("not a BookCreated message");
        assertThat(reasons.get(wrongKey)).contains("is not the book id");
        assertThat(reasons.get(nul)).contains("can never be stored");
        assertThat(reasons.get(dollars)).contains("priced in 'USD'");
        assertThat(titles("nul")).isEmpty();
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aBackfillInterruptedByACatalogOutageResumesWhileABurstOfOneThousandChangesRunsAndEndsWithNoDifference()
            throws Exception {
        List<Book> existing = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            existing.add(catalog.existing("Backlist Volume " + i));
        }
        given().get("/q/health/ready").then().statusCode(503); // never filled: not ready
        catalog.failAfterPages(7);
        assertThatThrownBy(() -> backfill.run(Optional.empty())).isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("UNAVAILABLE");
        Backfill.Progress interrupted = backfill.progress().orElseThrow();
        assertThat(interrupted.pages()).isEqualTo(7);
        assertThat(interrupted.finished()).isFalse();
        catalog.failAfterPages(Integer.MAX_VALUE); // the catalog is back

        // 1,000 changes (edits, stock movements, deletions, creations) race the rest of the backfill.
        Random random = new Random(42);
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 1_000; i++) {
                String id = existing.get(random.nextInt(existing.size())).getId();
                switch (i % 10) {
                    case 0 -> catalog.delete(id);
                    case 1 -> catalog.create("Fresh Arrival " + i);
                    case 2, 3, 4, 5 -> catalog.change(id, true, book -> book.setStock(random.nextInt(50)));
                    default -> catalog.change(id, false, book -> book.setTitle(book.getTitle() + " ed" + random.nextInt(9)));
                }
            }
        });
        Backfill.Progress resumed = backfill.run(Optional.empty());
        burst.get();
        assertThat(resumed.finished()).isTrue();
        assertThat(resumed.pages()).isGreaterThan(interrupted.pages()); // counted on from the checkpoint

        await().atMost(WAIT).until(() -> lag.records() == 0 && lag.seconds() == 0);
        Reconciliation.Report report = reconciliation.check();
        assertThat(report.differences()).as("%s", report).isZero();
        assertThat(report.indexBooks()).isEqualTo(report.catalogBooks()).isEqualTo(catalog.all().size());

        // Run again once finished: it starts over and takes nothing, the copy already holding every version.
        Backfill.Progress again = backfill.run(Optional.of(3));
        assertThat(again.pages()).isEqualTo(3);
        assertThat(again.applied()).isZero();
        assertThat(again.finished()).isFalse();
        given().get("/q/health/ready").then().statusCode(200); // filled once: ready, even while a run starts over
    }

    @Test
    void reconciliationListsMissingExtraAndDifferingBooksAndTheRepairLeavesNone() throws SQLException {
        List<Book> books = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            books.add(catalog.existing("Reconciled " + i));
        }
        backfill.run(Optional.empty());
        assertThat(reconciliation.check().differences()).isZero();

        UUID corrupted = UUID.fromString(books.get(3).getId());
        UUID lost = UUID.fromString(books.get(60).getId());
        UUID stray = UUID.randomUUID();
        try (Connection connection = database.getConnection()) {
            connection.createStatement().execute("UPDATE search.book_documents SET stock = 999 WHERE book_id = '"
                    + corrupted + "'");
            connection.createStatement().execute("DELETE FROM search.book_documents WHERE book_id = '" + lost + "'");
            connection.createStatement().execute("DELETE FROM search.book_versions WHERE book_id = '" + lost + "'");
            connection.createStatement().execute("INSERT INTO search.book_documents (book_id, isbn, title, authors, "
                    + "description, tags, price, stock) VALUES ('" + stray + "', '9780000000002', 'Stray', '{}', '', "
                    + "'{}', 1.00, 1)");
        }

        Reconciliation.Report found = reconciliation.check();
        assertThat(found.missing()).containsExactly(lost);
        assertThat(found.extra()).containsExactly(stray);
        assertThat(found.differing()).containsExactly(corrupted);
        assertThat(found.differences()).isEqualTo(3);
        assertThat(found.catalogBooks()).isEqualTo(120);
        assertThat(found.indexBooks()).isEqualTo(120);

        Reconciliation.Report repaired = reconciliation.repair();
        assertThat(repaired.repaired()).isEqualTo(3);
        assertThat(reconciliation.check().differences()).isZero();
        assertThat(titles("stray")).isEmpty();
        assertThat(titles("reconciled")).hasSize(100); // a page of the search holds at most 100 hits

        // Over HTTP as the command calls it, and the refusals.
        given().get("/admin/copy/reconciliation").then().statusCode(200).body("differences", equalTo(0))
                .body("catalogBooks", equalTo(120));
        given().post("/admin/copy/backfill?maxPages=0").then().statusCode(400)
                .contentType("application/problem+json");
        given().post("/admin/copy/backfill?maxPages=lots").then().log().ifValidationFails().statusCode(400)
                .contentType("application/problem+json");
        given().get("/admin/copy/lag").then().statusCode(200);

        // The catalog down: the operator gets 503 with Retry-After, not a 500.
        catalog.failAfterPages(0);
        given().get("/admin/copy/reconciliation").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("detail", org.hamcrest.Matchers.containsString("UNAVAILABLE"));
        catalog.failAfterPages(Integer.MAX_VALUE);
    }

    private List<String> titles(String query) {
        return search.search(SearchRequest.newBuilder().setQuery(query).setPageSize(100).build())
                .await().atMost(Duration.ofSeconds(5)).getHitsList().stream().map(hit -> hit.getTitle()).toList();
    }

    private Optional<Long> version(String id) {
        try (Connection connection = database.getConnection();
                var select = connection.prepareStatement("SELECT version FROM search.book_versions WHERE book_id = ?")) {
            select.setObject(1, UUID.fromString(id));
            var row = select.executeQuery();
            return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] created(Book book) {
        return dev.stranglerbookshop.proto.events.v1.BookCreated.newBuilder()
                .setMetadata(CatalogStandIn.metadata("BookCreated", book.getId())).setBook(book).build().toByteArray();
    }

    private Map<String, String> deadLetters(List<String> keys) {
        Map<String, String> reasons = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetters(Topics.CATALOG)));
            long until = System.nanoTime() + WAIT.toNanos();
            while (!reasons.keySet().containsAll(keys) && System.nanoTime() < until) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    var reason = record.headers().lastHeader("dead-letter-reason");
                    reasons.put(record.key(), reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return reasons;
    }
}
