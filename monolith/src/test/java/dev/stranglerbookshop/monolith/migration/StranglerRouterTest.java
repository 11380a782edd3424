package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.monolith.Shop;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The router's flags, evaluated for real by the flagd provider, changed at run time through the admin API. */
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
        router.change(Capability.AUTH, Route.MONOLITH);
    }

    @Test
    void theStageFileSetsTheDefaultsAndConfigurationOverridesThem() {
        given().auth().oauth2(Shop.admin()).get("/api/admin/migration").then().statusCode(200)
                .body("stage", equalTo(1))
                .body("stageName", equalTo("auth-extracted"))
                .body("routes.auth", equalTo("monolith")) // overridden; the stage file says service
                .body("routes.notifications", equalTo("monolith"))
                .body("routes.search", equalTo("monolith"));
        assertThat(FlagsFile.read(resource("flags/stage-1.json"))).containsEntry(Capability.AUTH, Route.parse("service"))
                .containsEntry(Capability.NOTIFICATIONS, Route.MONOLITH);
        router.change(Capability.AUTH, Route.parse("service"));
        assertThat(router.side(Capability.AUTH, "anyone")).isEqualTo(Side.SERVICE);
        assertThat(router.side(Capability.SEARCH, "anyone")).isEqualTo(Side.MONOLITH);
    }

    private static String resource(String name) {
        try (var in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aCanarySendsItsShareOfCallersStickily() {
        given().auth().oauth2(Shop.admin()).contentType(ContentType.JSON)
                .body(Map.of("routes", Map.of("auth", "canary:30"))).put("/api/admin/migration").then()
                .statusCode(200).body("routes.auth", equalTo("canary:30"));

        long toService = IntStream.range(0, 2000).mapToObj(i -> UUID.randomUUID().toString())
                .filter(caller -> {
                    Side first = router.side(Capability.AUTH, caller);
                    assertThat(router.side(Capability.AUTH, caller)).as("sticky for " + caller).isEqualTo(first);
                    return first == Side.SERVICE;
                }).count();

        assertThat(toService).isBetween(500L, 700L); // 30 % of 2000, give or take hashing
    }

    @Test
    void shadowAndBackToMonolithApplyToTheNextCall() {
        router.change(Capability.AUTH, Route.parse("shadow"));
        assertThat(router.side(Capability.AUTH, "caller")).isEqualTo(Side.SHADOW);
        router.change(Capability.AUTH, Route.parse("monolith"));
        assertThat(router.side(Capability.AUTH, "caller")).isEqualTo(Side.MONOLITH);
    }

    @Test
    void decisionsAreCounted() {
        long before = router.decisions(Capability.AUTH, Side.MONOLITH);
        router.side(Capability.AUTH, "counted");
        assertThat(router.decisions(Capability.AUTH, Side.MONOLITH)).isEqualTo(before + 1);
    }

    @Test
    void badChangesAreRefusedWithProblems() {
        String admin = Shop.admin();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("routes", Map.of("auth", "sideways"))).put("/api/admin/migration").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("routes.auth"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("routes", Map.of("notifications", "service"))).put("/api/admin/migration").then()
                .statusCode(409).body("type", equalTo("urn:bookshop:problem:capability-not-extracted"));
        given().auth().oauth2(Shop.customer("curious")).get("/api/admin/migration").then().statusCode(403);
    }
}
