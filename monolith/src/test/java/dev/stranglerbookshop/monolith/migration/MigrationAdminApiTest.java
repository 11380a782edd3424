package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.monolith.Shop;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The admin API's refusals over REST at the default test stage (0, nothing extracted), each changing nothing. */
@QuarkusTest
class MigrationAdminApiTest {

    private static final Map<String, Object> TO_SHADOW = Map.of("routes", Map.of("auth", "shadow"));

    @Test
    void aChangeNeedsAnAdminToken() {
        given().contentType(ContentType.JSON).body(TO_SHADOW).put("/api/admin/migration").then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo("urn:bookshop:problem:unauthenticated"));
        given().auth().oauth2(Shop.customer("not-an-admin")).contentType(ContentType.JSON).body(TO_SHADOW)
                .put("/api/admin/migration").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Shop.customer("not-an-admin")).get("/api/admin/migration/changes").then().statusCode(403);
        unchanged();
    }

    @Test
    void badBodiesAreRefusedNamingTheField() {
        String admin = Shop.admin();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("routes", Map.of()))
                .put("/api/admin/migration").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("routes")));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("routes", Map.of("payments", "monolith")))
                .put("/api/admin/migration").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("routes.payments")));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("routes", Map.of("search", "canary:101")))
                .put("/api/admin/migration").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("routes.search")));
        unchanged();
    }

    @Test
    void aRouteLeavingTheMonolithBeforeItsStageIsAConflict() {
        for (String route : List.of("shadow", "canary:10", "service")) {
            given().auth().oauth2(Shop.admin()).contentType(ContentType.JSON)
                    .body(Map.of("routes", Map.of("auth", route))).put("/api/admin/migration").then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:bookshop:problem:capability-not-extracted"));
        }
        unchanged();
    }

    private List<Object> audit;

    @BeforeEach
    void readTheAuditTrail() {
        audit = given().auth().oauth2(Shop.admin()).get("/api/admin/migration/changes?limit=200").then()
                .statusCode(200).extract().jsonPath().getList("$");
    }

    private void unchanged() {
        given().auth().oauth2(Shop.admin()).get("/api/admin/migration").then().statusCode(200)
                .body("stage", equalTo(0))
                .body("routes", equalTo(Map.of("auth", "monolith", "notifications", "monolith", "search", "monolith")));
        given().auth().oauth2(Shop.admin()).get("/api/admin/migration/changes?limit=200").then().statusCode(200)
                .body("$", equalTo(audit));
    }
}
