package dev.stranglerbookshop.monolith.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stranglerbookshop.monolith.Shop;
import dev.stranglerbookshop.proto.search.v1.SearchResponse;
import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.Route;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.stranglerbookshop.monolith.migration.ScriptedSearchService.Script.answering;
import static dev.stranglerbookshop.monolith.migration.ScriptedSearchService.Script.failing;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The migration panel's figures through {@code GET /api/admin/migration/activity}, at stage 3 with search routed to a
 * scripted search-service (the seam's own test profile, so both share one application): the calls this test makes
 * show up in the counts, the recent calls, the shadow mismatches and the breaker.
 */
@QuarkusTest
@TestProfile(StranglerSeamTest.AtStageThree.class)
class MigrationActivityTest {

    private static final String ACTIVITY = "/api/admin/migration/activity";
    /** A word no book has: the module answers "nothing found" (total 0). */
    private static final String NOTHING = "zyzzyvaqx";
    private static final String TRACE_ID = "[0-9a-f]{32}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    StranglerRouter router;

    @Inject
    MeterRegistry meters;

    private String admin;

    @BeforeEach
    void aHealthyServiceOnTheServiceRoute() {
        router.change(Map.of(Capability.SEARCH, Route.SERVICE), "test");
        ScriptedSearchService.script(answering(SearchResponse.getDefaultInstance()));
        // A breaker left open by another test closes after its delay and one good call.
        await().atMost(Duration.ofSeconds(5)).until(() -> search().statusCode() == 200);
        admin = Shop.admin();
    }

    @Test
    void onlyAnAdminSeesIt() {
        given().get(ACTIVITY).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Shop.customer("panel")).get(ACTIVITY).then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void everyCapabilityInOrderWithTheStageRoutesBreakersAndOutbox() {
        // The outbox's gauges appear at the relay's first measurement (once a second from stage 2): the names the
        // panel reads must be the ones the outbox registers.
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.find(ActivityMeters.OUTBOX_PENDING).gauge() != null
                && meters.find(ActivityMeters.OUTBOX_OLDEST_AGE).gauge() != null);
        Instant before = Instant.now();
        JsonNode activity = activity();

        assertThat(names(activity)).containsExactly("stage", "stageName", "at", "capabilities", "outbox");
        assertThat(activity.get("stage").asInt()).isEqualTo(3);
        assertThat(activity.get("stageName").asText()).isEqualTo("search-extracted");
        assertThat(Instant.parse(activity.get("at").asText())).isBetween(before, Instant.now());
        assertThat(names(activity.get("capabilities"))).containsExactly("auth", "notifications", "search");
        for (JsonNode capability : activity.get("capabilities")) {
            assertThat(names(capability)).containsExactly("route", "requests", "shadow", "lastMismatches",
                    "fallbacks", "breaker", "recentCalls");
            assertThat(names(capability.get("requests"))).containsExactly("monolith", "service", "shadow");
            assertThat(names(capability.get("shadow"))).containsExactly("match", "mismatch", "error");
            assertThat(capability.get("lastMismatches").isArray()).isTrue();
            assertThat(capability.get("recentCalls").isArray()).isTrue();
        }
        JsonNode capabilities = activity.get("capabilities");
        assertThat(capabilities.at("/auth/route").asText()).isEqualTo("monolith");
        assertThat(capabilities.at("/notifications/route").asText()).isEqualTo("monolith");
        assertThat(capabilities.at("/search/route").asText()).isEqualTo("service");
        assertThat(capabilities.at("/auth/breaker").asText()).as("auth-service is never called here")
                .isEqualTo("none");
        assertThat(capabilities.at("/search/breaker").asText()).isEqualTo("closed");

        JsonNode outbox = activity.get("outbox");
        assertThat(names(outbox)).containsExactly("enabled", "pending", "oldestPendingAgeSeconds");
        assertThat(outbox.get("enabled").asBoolean()).as("events flow at stage 3").isTrue();
        assertThat(outbox.get("pending").asLong()).isNotNegative();
        assertThat(outbox.get("oldestPendingAgeSeconds").asDouble()).isNotNegative();
    }

    @Test
    void strangledCallsMoveTheCountsAndTheLastTenCallsNewestFirst() {
        JsonNode before = capability("search");
        for (int i = 0; i < 12; i++) {
            assertThat(search().statusCode()).isEqualTo(200);
        }
        router.change(Map.of(Capability.SEARCH, Route.MONOLITH), "test");
        assertThat(search().statusCode()).isEqualTo(200);

        JsonNode after = capability("search");
        assertThat(after.at("/requests/service").asLong()).isEqualTo(before.at("/requests/service").asLong() + 12);
        assertThat(after.at("/requests/monolith").asLong()).isEqualTo(before.at("/requests/monolith").asLong() + 1);
        JsonNode calls = after.get("recentCalls");
        assertThat(calls).as("ten at most").hasSize(10);
        assertThat(calls.get(0).get("side").asText()).as("newest first: the monolith's call").isEqualTo("monolith");
        Set<String> traces = new HashSet<>();
        Instant later = Instant.MAX;
        for (JsonNode call : calls) {
            assertThat(names(call)).containsExactly("at", "operation", "side", "fallback", "traceId");
            assertThat(call.get("operation").asText()).isEqualTo("search");
            assertThat(call.get("fallback").asBoolean()).isFalse();
            assertThat(call.get("traceId").asText()).matches(TRACE_ID).isNotEqualTo("0".repeat(32));
            traces.add(call.get("traceId").asText());
            Instant at = Instant.parse(call.get("at").asText());
            assertThat(at).isBeforeOrEqualTo(later);
            later = at;
        }
        assertThat(calls.get(1).get("side").asText()).isEqualTo("service");
        assertThat(traces).as("each request its own trace").hasSize(10);

        JsonNode auth = capability("auth").get("recentCalls").get(0);
        assertThat(auth.get("operation").asText()).as("the admin's login in this test's setup").isEqualTo("login");
        assertThat(auth.get("side").asText()).isEqualTo("monolith");
    }

    @Test
    void aCanaryFallbackIsCountedAndMarkedOnItsCall() {
        router.change(Map.of(Capability.SEARCH, Route.canary(100)), "test");
        ScriptedSearchService.script(failing(Status.UNAVAILABLE));
        long before = capability("search").get("fallbacks").asLong();

        assertThat(search().statusCode()).as("the module answers").isEqualTo(200);

        JsonNode search = capability("search");
        assertThat(search.get("fallbacks").asLong()).isEqualTo(before + 1);
        JsonNode call = search.get("recentCalls").get(0);
        assertThat(call.get("side").asText()).isEqualTo("service");
        assertThat(call.get("fallback").asBoolean()).isTrue();
    }

    @Test
    void shadowMismatchesShowTheirDifferencesFiveAtMostNewestFirst() {
        router.change(Map.of(Capability.SEARCH, Route.SHADOW), "test");
        JsonNode before = capability("search");
        for (int total = 1; total <= 6; total++) {
            ScriptedSearchService.script(answering(SearchResponse.newBuilder().setTotal(total).build()));
            assertThat(search().jsonPath().getLong("total")).as("the module answers").isZero();
        }

        JsonNode search = capability("search");
        assertThat(search.at("/shadow/mismatch").asLong()).isEqualTo(before.at("/shadow/mismatch").asLong() + 6);
        assertThat(search.at("/requests/shadow").asLong()).isEqualTo(before.at("/requests/shadow").asLong() + 6);
        JsonNode mismatches = search.get("lastMismatches");
        assertThat(mismatches).as("five at most").hasSize(5);
        List<String> firstDifferences = new ArrayList<>();
        for (JsonNode mismatch : mismatches) {
            assertThat(names(mismatch)).containsExactly("at", "operation", "traceId", "differences");
            assertThat(mismatch.get("operation").asText()).isEqualTo("search");
            assertThat(mismatch.get("traceId").asText()).matches(TRACE_ID);
            firstDifferences.add(mismatch.get("differences").get(0).asText());
        }
        assertThat(firstDifferences).as("newest first").containsExactly("total: monolith=0 service=6",
                "total: monolith=0 service=5", "total: monolith=0 service=4", "total: monolith=0 service=3",
                "total: monolith=0 service=2");
    }

    @Test
    void theBreakerShowsWhenTheServiceIsDown() {
        ScriptedSearchService.script(failing(Status.UNAVAILABLE));
        for (int i = 0; i < 4; i++) {
            assertThat(search().statusCode()).isEqualTo(503);
        }
        // Half-open once its 0.5 s delay has passed, which a slow machine may reach before this read.
        assertThat(capability("search").get("breaker").asText()).isIn("open", "half_open");

        ScriptedSearchService.script(answering(SearchResponse.getDefaultInstance()));
        await().atMost(Duration.ofSeconds(5)).until(() -> search().statusCode() == 200);
        assertThat(capability("search").get("breaker").asText()).isEqualTo("closed");
    }

    private JsonNode activity() {
        Response answer = given().auth().oauth2(admin).get(ACTIVITY);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        try {
            return JSON.readTree(answer.asString());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + answer.asString(), e);
        }
    }

    private JsonNode capability(String key) {
        return activity().get("capabilities").get(key);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Response search() {
        return given().queryParam("q", NOTHING).get("/api/search");
    }
}
