package dev.stranglerbookshop.acceptance;

import dev.stranglerbookshop.infra.Ports;
import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.StagePlan;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Route changes are shared and durable: two monolith instances on one database (as two Kubernetes replicas are)
 * route alike whichever of them took the change, a restarted instance comes back on the changed route (not the stage
 * default), a refused change changes nothing anywhere, and each change is audited with who, from and to.
 */
@Acceptance
class SharedRoutesIT {

    /** Another instance polls the database every second; a few seconds absorb a busy machine. */
    private static final Duration FOLLOWS_WITHIN = Duration.ofSeconds(10);

    @Test
    void twoInstancesOnOneDatabaseRouteAlikeAndARestartKeepsTheChange() {
        SystemUnderTest.Running system = SystemUnderTest.current();
        assumeTrue(system.monolith() != null, "starts a second monolith beside the suite's own");
        int stage = SystemUnderTest.stage();
        Capability capability = Arrays.stream(Capability.values()).filter(StagePlan.stage(stage)::extracted)
                .findFirst().orElse(null);
        assumeTrue(capability != null, "needs an extracted capability: at stage 0 every route is the monolith");
        String key = capability.key();
        String configured = Api.route(key);
        // Two monolith starts cost half a minute; the mechanism does not depend on the route, so canary runs skip it.
        assumeTrue(Arrays.stream(Capability.values()).noneMatch(c -> Api.route(c.key()).startsWith("canary")),
                "runs where no capability is on a canary (the stage's own routes)");
        String moved = "canary:37".equals(configured) ? "canary:38" : "canary:37";

        int httpPort = Ports.free();
        URI readiness = URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready");
        ManagedService twin = system.service("monolith").orElseThrow().twin("monolith-2", Map.of(
                "QUARKUS_HTTP_PORT", String.valueOf(httpPort),
                "QUARKUS_GRPC_SERVER_PORT", String.valueOf(Ports.free())), readiness);
        String other = "http://127.0.0.1:" + httpPort;
        try {
            twin.start().awaitReady(Duration.ofSeconds(120));
            RequestSpecification first = Api.asAdmin();
            RequestSpecification second = admin(other);

            first.body(Map.of("routes", Map.of(key, moved))).put("/api/admin/migration").then().statusCode(200);
            await().atMost(FOLLOWS_WITHIN).untilAsserted(() -> admin(other).get("/api/admin/migration").then()
                    .statusCode(200).body("routes." + key, equalTo(moved)));
            second.get("/api/admin/migration/changes?limit=1").then().statusCode(200)
                    .body("[0].capability", equalTo(key)).body("[0].from", equalTo(configured))
                    .body("[0].to", equalTo(moved)).body("[0].by", equalTo(Api.ADMIN_EMAIL))
                    .body("[0].stage", equalTo(stage));

            twin.stop();
            twin.start().awaitReady(Duration.ofSeconds(120));
            admin(other).get("/api/admin/migration").then().statusCode(200).body("routes." + key, equalTo(moved));

            // Refused as a whole (a capability not extracted yet, or an unknown route): nothing moves, nothing audited.
            Capability later = Arrays.stream(Capability.values()).filter(c -> !StagePlan.stage(stage).extracted(c))
                    .findFirst().orElse(null);
            Map<String, String> refused = later != null ? Map.of(key, configured, later.key(), "service")
                    : Map.of(key, configured, "search", "sideways");
            admin(other).body(Map.of("routes", refused)).put("/api/admin/migration").then()
                    .statusCode(later != null ? 409 : 400).contentType("application/problem+json");
            List<Object> trail = Api.asAdmin().get("/api/admin/migration/changes").then().statusCode(200)
                    .extract().path("to");
            assertThat(trail).first().isEqualTo(moved);

            admin(other).body(Map.of("routes", Map.of(key, configured))).put("/api/admin/migration").then()
                    .statusCode(200);
            await().atMost(FOLLOWS_WITHIN).untilAsserted(() -> Api.asAdmin().get("/api/admin/migration").then()
                    .body("routes." + key, equalTo(configured)));
        } finally {
            twin.stop();
            Api.route(key, configured);
        }
    }

    /** An admin of that instance (each instance signs its own tokens at stage 0). */
    private static RequestSpecification admin(String baseUri) {
        String token = given().baseUri(baseUri).contentType(ContentType.JSON)
                .body(Map.of("email", Api.ADMIN_EMAIL, "password", Api.ADMIN_PASSWORD)).post("/api/auth/login")
                .then().statusCode(200).extract().path("accessToken");
        return given().baseUri(baseUri).auth().oauth2(token).contentType(ContentType.JSON);
    }
}
