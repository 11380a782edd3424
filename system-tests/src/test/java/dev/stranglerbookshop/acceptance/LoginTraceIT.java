package dev.stranglerbookshop.acceptance;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.stranglerbookshop.acceptance.Zipkin.descendsFrom;
import static dev.stranglerbookshop.acceptance.Zipkin.service;
import static dev.stranglerbookshop.acceptance.Zipkin.span;
import static dev.stranglerbookshop.acceptance.Zipkin.tags;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One trace follows a login across the extraction: monolith HTTP server span → its gRPC client span → auth-service's
 * gRPC server span → auth-service's database span, every span tagged with the stage. Read back from a real trace
 * backend (Zipkin), so the edges are the ones an operator sees.
 */
@Acceptance
class LoginTraceIT {

    @Test
    void aLoginThroughAuthServiceIsOneTraceDownToTheDatabase() {
        assumeTrue(SystemUnderTest.current().service("auth-service").isPresent(),
                "needs an auth-service the suite started itself (stage 1 or later)");
        assertThat(SystemUnderTest.zipkinUrl()).as("the suite starts Zipkin wherever it starts auth-service")
                .isNotNull();
        String admin = Api.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        String configured = route(admin, null);
        route(admin, "service");
        try {
            long since = System.currentTimeMillis() * 1000; // Zipkin timestamps are microseconds
            Api.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);

            List<Map<String, Object>> trace = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> loginTrace(since), Optional::isPresent).get();

            Map<String, Object> server = span(trace, "monolith", "SERVER", "post /api/auth/login");
            Map<String, Object> client = span(trace, "monolith", "CLIENT", "bookshop.auth.v1.authservice/authenticate");
            Map<String, Object> remote = span(trace, "auth-service", "SERVER", "bookshop.auth.v1.authservice/authenticate");
            Map<String, Object> database = trace.stream()
                    .filter(s -> "auth-service".equals(service(s)) && "postgresql".equals(tags(s).get("db.system")))
                    .filter(s -> descendsFrom(s, remote, trace)).findFirst()
                    .orElseThrow(() -> new AssertionError("no auth-service database span under " + remote));

            assertThat(client.get("parentId")).isEqualTo(server.get("id"));
            assertThat(remote.get("parentId")).isEqualTo(client.get("id"));
            for (Map<String, Object> span : List.of(server, client, remote, database)) {
                assertThat(tags(span).get("migration.stage")).as(String.valueOf(span.get("name")))
                        .isEqualTo(System.getProperty("bookshop.stage", "1"));
            }
        } finally {
            route(admin, configured);
        }
    }

    /** The trace once both services' spans are in: each exports in its own batches, in no set order. */
    private static Optional<List<Map<String, Object>>> loginTrace(long since) {
        return Zipkin.trace("monolith", "post /api/auth/login", since, t -> t.stream().anyMatch(
                s -> "auth-service".equals(service(s)) && "postgresql".equals(tags(s).get("db.system")))
                && Zipkin.has(t, "monolith", "bookshop.auth.v1.authservice/authenticate"));
    }

    private static String route(String admin, String route) {
        String current = given().auth().oauth2(admin).get("/api/admin/migration").then().statusCode(200)
                .extract().path("routes.auth");
        if (route != null) {
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("routes", Map.of("auth", route))).put("/api/admin/migration").then().statusCode(200);
        }
        return current;
    }
}
