package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.monolith.Shop;
import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.Route;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The router's decisions, its canary evaluated for real by the flagd provider, changed at run time through the admin API. */
@QuarkusTest
@TestProfile(StranglerRouterTest.AtStageOne.class)
class StranglerRouterTest {

    public static class AtStageOne implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // No auth-service in this test: start auth on the monolith so logins work, then move it around.
            return Map.of("bookshop.stage", "1", "bookshop.migration.routes.auth", "monolith");
        }
    }

    @Inject
    StranglerRouter router;

    @AfterEach
    void restoreTheConfiguredRoute() {
        router.change(Map.of(Capability.AUTH, Route.MONOLITH), "test");
    }

    @Test
    void theStagePlanSetsTheDefaultsAndConfigurationOverridesThem() {
        given().auth().oauth2(Shop.admin()).get("/api/admin/migration").then().statusCode(200)
                .body("stage", equalTo(1))
                .body("stageName", equalTo("auth-extracted"))
                .body("routes.auth", equalTo("monolith")) // overridden; the stage plan says service
                .body("routes.notifications", equalTo("monolith"))
                .body("routes.search", equalTo("monolith"));
        router.change(Map.of(Capability.AUTH, Route.SERVICE), "test");
        assertThat(router.decide(Capability.AUTH, "anyone")).isEqualTo(new Decision(Capability.AUTH, Side.SERVICE, false));
        assertThat(router.decide(Capability.SEARCH, "anyone").side()).isEqualTo(Side.MONOLITH);
    }

    @Test
    void aCanarySendsItsShareOfCallersStickilyAndLetsThemFallBack() {
        given().auth().oauth2(Shop.admin()).contentType(ContentType.JSON)
                .body(Map.of("routes", Map.of("auth", "canary:30"))).put("/api/admin/migration").then()
                .statusCode(200).body("routes.auth", equalTo("canary:30"));

        long toService = IntStream.range(0, 2000).mapToObj(i -> UUID.randomUUID().toString())
                .filter(caller -> {
                    Decision first = router.decide(Capability.AUTH, caller);
                    assertThat(router.decide(Capability.AUTH, caller)).as("sticky for " + caller).isEqualTo(first);
                    assertThat(first.fallsBack()).as("a canary call to the service may fall back")
                            .isEqualTo(first.side() == Side.SERVICE);
                    return first.side() == Side.SERVICE;
                }).count();

        assertThat(toService).isBetween(500L, 700L); // 30 % of 2000, give or take hashing
    }

    @Test
    void shadowServiceAndBackToMonolithApplyToTheNextCall() {
        router.change(Map.of(Capability.AUTH, Route.SHADOW), "test");
        assertThat(router.decide(Capability.AUTH, "caller").side()).isEqualTo(Side.SHADOW);
        router.change(Map.of(Capability.AUTH, Route.SERVICE), "test");
        assertThat(router.decide(Capability.AUTH, "caller")).as("the service route answers 503, never falls back")
                .isEqualTo(new Decision(Capability.AUTH, Side.SERVICE, false));
        router.change(Map.of(Capability.AUTH, Route.MONOLITH), "test");
        assertThat(router.decide(Capability.AUTH, "caller").side()).isEqualTo(Side.MONOLITH);
    }

    @Test
    void decisionsAreCounted() {
        long before = router.decisions(Capability.AUTH, Side.MONOLITH);
        router.decide(Capability.AUTH, "counted");
        assertThat(router.decisions(Capability.AUTH, Side.MONOLITH)).isEqualTo(before + 1);
    }

    @Test
    void badChangesAreRefusedWithProblemsAndChangeNothing() {
        String admin = Shop.admin();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("routes", Map.of("auth", "sideways"))).put("/api/admin/migration").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("routes.auth"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("routes", Map.of("notifications", "service"))).put("/api/admin/migration").then()
                .statusCode(409).body("type", equalTo("urn:bookshop:problem:capability-not-extracted"));
        // One refused route refuses the whole change: auth stays where it was.
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("routes", Map.of("auth", "shadow", "search", "service"))).put("/api/admin/migration")
                .then().statusCode(409);
        assertThat(router.routes()).containsEntry(Capability.AUTH, Route.MONOLITH);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("routes", Map.of("auth", "shadow", "everything", "service"))).put("/api/admin/migration")
                .then().statusCode(400).body("errors.field", hasItem("routes.everything"));
        assertThat(router.routes()).containsEntry(Capability.AUTH, Route.MONOLITH);
        given().auth().oauth2(Shop.customer("curious")).get("/api/admin/migration").then().statusCode(403);
        given().get("/api/admin/migration").then().statusCode(401).contentType("application/problem+json");
        given().get("/api/admin/migration/changes").then().statusCode(401);
        given().auth().oauth2(admin).queryParam("limit", 0).get("/api/admin/migration/changes").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
    }

    /**
     * All or nothing over REST: a change naming a valid route first and an invalid one after it (the body's order is
     * kept) is refused whole, 400 naming the invalid entry, and leaves the routes and the audit trail as they were.
     */
    @Test
    void aChangeWithOneInvalidEntryChangesNothing() {
        String admin = Shop.admin();
        Map<String, Object> routesBefore = given().auth().oauth2(admin).get("/api/admin/migration").then()
                .statusCode(200).extract().jsonPath().getMap("routes");
        List<Object> auditBefore = given().auth().oauth2(admin).get("/api/admin/migration/changes?limit=200").then()
                .statusCode(200).extract().jsonPath().getList("$");

        Map<String, String> canaryTooLarge = new LinkedHashMap<>();
        canaryTooLarge.put("auth", "shadow");
        canaryTooLarge.put("search", "canary:101");
        Map<String, String> unknownCapability = new LinkedHashMap<>();
        unknownCapability.put("auth", "canary:40");
        unknownCapability.put("payments", "service");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("routes", canaryTooLarge))
                .put("/api/admin/migration").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("routes.search")));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("routes", unknownCapability))
                .put("/api/admin/migration").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("routes.payments")));

        assertThat(router.routes()).containsEntry(Capability.AUTH, Route.MONOLITH);
        given().auth().oauth2(admin).get("/api/admin/migration").then().statusCode(200)
                .body("routes", equalTo(routesBefore));
        given().auth().oauth2(admin).get("/api/admin/migration/changes?limit=200").then().statusCode(200)
                .body("$", equalTo(auditBefore));
        // Positive control: the valid entry alone is applied and audited.
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("routes", Map.of("auth", "shadow")))
                .put("/api/admin/migration").then().statusCode(200).body("routes.auth", equalTo("shadow"));
        given().auth().oauth2(admin).get("/api/admin/migration/changes?limit=200").then().statusCode(200)
                .body("size()", equalTo(auditBefore.size() + 1)).body("[0].to", equalTo("shadow"));
    }

    @Test
    void notificationsTakeNoCanaryAndTheAuditShowsOnlyRealChanges() {
        String admin = Shop.admin();
        long audited = given().auth().oauth2(admin).get("/api/admin/migration/changes?limit=200").then()
                .statusCode(200).extract().jsonPath().getList("$").size();
        // A user's inbox lives on one side: a split would show incomplete inboxes (Capability.NOTIFICATIONS).
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("routes", Map.of("auth", "shadow", "notifications", "canary:10")))
                .put("/api/admin/migration").then().statusCode(409)
                .body("type", equalTo("urn:bookshop:problem:route-not-supported"))
                .body("detail", org.hamcrest.Matchers.containsString("notifications takes no canary"));
        assertThat(router.routes()).containsEntry(Capability.AUTH, Route.MONOLITH);

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("routes", Map.of("auth", "canary:20")))
                .put("/api/admin/migration").then().statusCode(200);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("routes", Map.of("auth", "canary:20")))
                .put("/api/admin/migration").then().statusCode(200); // the same route again: no audit line
        given().auth().oauth2(admin).get("/api/admin/migration/changes?limit=200").then().statusCode(200)
                .body("size()", equalTo((int) audited + 1))
                .body("[0].capability", equalTo("auth")).body("[0].from", equalTo("monolith"))
                .body("[0].to", equalTo("canary:20")).body("[0].stage", equalTo(1));
    }
}
