package dev.stranglerbookshop.acceptance;

import dev.stranglerbookshop.topology.ServiceSpec;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Stage 4's own search index, measured through the public API and search-service's admin endpoints:
 * <ol>
 *   <li>catalog change → searchable: {@code bookshop.bench.changes} (200) books created one after the other through
 *       the admin API, each timed from the 201 until {@code GET /api/search} finds it (outbox → relay → Kafka →
 *       search-service's copy), p50/p99/max;</li>
 *   <li>backfill throughput: {@code bookshop.bench.backfill-books} (50,000) books written straight into the catalog's
 *       table (as books from before events flowed), then a backfill run over the whole catalog
 *       ({@code ListBooks} pages of 500 → the copy), books/s.</li>
 * </ol>
 * The generated books are removed afterwards (from the catalog's table, then from the index by a reconciliation's
 * repair, which must leave 0 differences). Fully: {@code ./mvnw -pl system-tests -Pbenchmark verify
 * -Dbookshop.single-run=true -Dbookshop.stage=4 -Dit.test=IndexBenchmark} after a build. In {@code ./mvnw verify}
 * briefly (10 changes, 1,000 books), in the stage 4 run ({@link Bench}).
 */
@Acceptance
@Tag("benchmark")
class IndexBenchmark {

    static final int CHANGES = Bench.setting("changes", 200, 10);
    static final int BACKFILL_BOOKS = Bench.setting("backfill-books", 50_000, 1_000);
    static final String PREFIX = "IndexBench ";

    @Test
    void catalogChangeToSearchableAndBackfillThroughput() throws Exception {
        Bench.assumeBriefRunAt(4);
        SystemUnderTest.Running system = SystemUnderTest.current();
        assumeThat(system.postgres()).as("needs the suite's own database").isNotNull();
        assumeThat(SystemUnderTest.stage()).as("search-service owns its index from stage 4").isGreaterThanOrEqualTo(4);
        String searchService = system.service(ServiceSpec.SEARCH_SERVICE.name()).orElseThrow().baseUrl();
        String catalog = system.postgres().jdbcUrl(ServiceSpec.MONOLITH.database());
        try {
            long[] searchable = changesBecomeSearchable();
            double[] backfill = backfill(catalog, searchService);
            Bench.announce();
            System.out.printf("Catalog change -> searchable (%d books created one after the other): p50 %.0f ms, "
                    + "p99 %.0f ms, max %.0f ms%n", searchable.length, Load.percentile(searchable, 50) / 1e6,
                    Load.percentile(searchable, 99) / 1e6, searchable[searchable.length - 1] / 1e6);
            System.out.printf("Backfill: %,.0f books (%,d generated) in %.1f s: %,.0f books/s%n", backfill[0],
                    BACKFILL_BOOKS, backfill[1], backfill[0] / backfill[1]);
            assertThat(searchable).isNotEmpty();
            assertThat(backfill[0]).isGreaterThanOrEqualTo(BACKFILL_BOOKS);
        } finally {
            removeGeneratedBooks(catalog, searchService);
        }
    }

    private long[] changesBecomeSearchable() {
        List<Long> took = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CHANGES; i++) {
            String word = "ib" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            long begun = System.nanoTime();
            ids.add(Api.newBook(PREFIX + word, "Timed.", List.of("bench"), "10.00", 1));
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                    .until(() -> given().queryParam("q", word).get("/api/search").jsonPath().getInt("total") == 1);
            took.add(System.nanoTime() - begun);
        }
        ids.forEach(id -> Api.asAdmin().delete("/api/books/" + id).then().statusCode(204));
        long[] sorted = took.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /** @return books the backfill read and the seconds it took */
    private double[] backfill(String catalog, String searchService) throws Exception {
        try (Connection db = DriverManager.getConnection(catalog, "monolith", "monolith");
                PreparedStatement insert = db.prepareStatement("INSERT INTO catalog.books (id, isbn, title, authors, "
                        + "description, tags, price, stock) VALUES (?, ?, ?, '{\"Bench Author\"}', 'Generated.', "
                        + "'{bench}', 9.99, 5)")) {
            db.setAutoCommit(false);
            long base = 9_700_000_000_000L + (System.nanoTime() % 100_000) * 100_000; // 13 digits, not 978/979
            for (int i = 0; i < BACKFILL_BOOKS; i++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, String.valueOf(base + i));
                insert.setString(3, PREFIX + "volume " + i);
                insert.addBatch();
                if (i % 1_000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            db.commit();
        }
        RequestSpecification search = given().baseUri(searchService);
        long begun = System.nanoTime();
        search.post("/admin/copy/backfill").then().statusCode(202);
        JsonPath state = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> search.get("/admin/copy/backfill").jsonPath(), s -> !s.getBoolean("running"));
        double seconds = (System.nanoTime() - begun) / 1e9;
        assertThat(state.getString("lastFailure")).isNull();
        assertThat(state.getString("progress.finishedAt")).isNotNull();
        return new double[] {state.getLong("progress.books"), seconds};
    }

    private static void removeGeneratedBooks(String catalog, String searchService) throws Exception {
        try (Connection db = DriverManager.getConnection(catalog, "monolith", "monolith")) {
            db.createStatement().execute("DELETE FROM catalog.books WHERE title LIKE '" + PREFIX + "volume %'");
        }
        // The index still holds them (no event told it): the repair removes each (a GetBook answering NOT_FOUND, then a
        // tombstone), and nothing else may differ. 50,000 take minutes: the repair answers when done.
        RequestSpecification search = given().baseUri(searchService).config(RestAssuredConfig.config().httpClient(
                HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 30 * 60 * 1000)));
        long begun = System.nanoTime();
        JsonPath repaired = search.post("/admin/copy/reconciliation/repair").then().statusCode(200).extract().jsonPath();
        System.out.printf("Repair: %,d books removed from the index in %.1f s%n", repaired.getLong("repaired"),
                (System.nanoTime() - begun) / 1e9);
        assertThat(search.get("/admin/copy/reconciliation").jsonPath().getInt("differences")).isZero();
    }
}
