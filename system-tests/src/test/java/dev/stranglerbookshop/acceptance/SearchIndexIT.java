package dev.stranglerbookshop.acceptance;

import dev.stranglerbookshop.topology.ServiceSpec;
import dev.stranglerbookshop.topology.StagePlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Stage 4, search-service owning its index: the cut (its stage-3 role can no longer read the monolith's database)
 * and search still answering from its own copy, which follows the catalog's changes through events, and which
 * reconciliation finds equal to the catalog. Prints how long a catalog change took to become searchable.
 */
@Acceptance
class SearchIndexIT {

    private static final Duration SEARCHABLE_WITHIN = Duration.ofSeconds(30);

    @BeforeEach
    void onlyWhereSearchOwnsItsIndex() {
        assumeTrue(SystemUnderTest.stage() >= 4 && SystemUnderTest.current().postgres() != null,
                "stage 4 or later, on a system the suite started");
    }

    @Test
    void theStageThreeRoleCanNoLongerReadTheMonolithsDatabase() {
        String monolith = SystemUnderTest.current().postgres().jdbcUrl(ServiceSpec.MONOLITH.database());
        assertThatThrownBy(() -> {
            try (Connection role = DriverManager.getConnection(monolith, StagePlan.SEARCH_SERVICE_ROLE,
                    StagePlan.SEARCH_SERVICE_ROLE)) {
                role.createStatement().executeQuery("SELECT count(*) FROM search.book_documents");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        // ... and search still answers, from the service's own database.
        assertThat(Api.route("search")).isEqualTo("service");
        given().queryParam("q", "war").get("/api/search").then().statusCode(200);
        assertThat(given().queryParam("q", "war").get("/api/search").jsonPath().getInt("total")).isPositive();
    }

    @Test
    void catalogChangesBecomeSearchableAndReconciliationFindsNoDifference() {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        List<Long> took = new ArrayList<>();

        long begun = System.nanoTime();
        String id = Api.newBook("The " + word + " Atlas", "Maps.", List.of("maps"), "12.00", 3);
        awaitTotal(word, 1);
        took.add(elapsedMs(begun));

        begun = System.nanoTime();
        Api.asAdmin().body(Api.bookJson("The " + word + " Atlas, Revised", "Maps.", List.of("maps"), "12.00", 3))
                .put("/api/books/" + id).then().statusCode(200);
        awaitTotal("revised " + word, 1);
        took.add(elapsedMs(begun));

        begun = System.nanoTime();
        Api.asAdmin().delete("/api/books/" + id).then().statusCode(204);
        awaitTotal(word, 0);
        took.add(elapsedMs(begun));
        System.out.printf("Catalog change -> searchable at stage %d: created %d ms, edited %d ms, deleted %d ms%n",
                SystemUnderTest.stage(), took.get(0), took.get(1), took.get(2));

        var search = given().baseUri(SystemUnderTest.current().service(ServiceSpec.SEARCH_SERVICE.name())
                .orElseThrow().baseUrl());
        await().atMost(SEARCHABLE_WITHIN).until(() -> search.get("/admin/copy/lag").jsonPath()
                .getDouble("records") == 0);
        Map<String, Object> report = search.get("/admin/copy/reconciliation").then().statusCode(200).extract()
                .jsonPath().getMap("");
        assertThat(report).as("%s", report).containsEntry("differences", 0);
        assertThat(((Number) report.get("catalogBooks")).longValue()).isPositive()
                .isEqualTo(((Number) report.get("indexBooks")).longValue());
        search.get("/q/health/ready").then().statusCode(200);
    }

    private static void awaitTotal(String query, int total) {
        await().atMost(SEARCHABLE_WITHIN).pollInterval(Duration.ofMillis(20)).until(() ->
                given().queryParam("q", query).get("/api/search").jsonPath().getInt("total") == total);
    }

    private static long elapsedMs(long begun) {
        return (System.nanoTime() - begun) / 1_000_000;
    }
}
