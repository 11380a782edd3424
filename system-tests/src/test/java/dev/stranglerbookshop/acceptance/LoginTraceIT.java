package dev.stranglerbookshop.acceptance;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        assumeTrue(SystemUnderTest.zipkinUrl() != null, "needs the trace backend the suite starts from stage 1");
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

    private static Optional<List<Map<String, Object>>> loginTrace(long since) {
        List<List<Map<String, Object>>> traces = JsonPath.from(given().baseUri(SystemUnderTest.zipkinUrl())
                .queryParam("serviceName", "monolith").queryParam("spanName", "post /api/auth/login")
                .queryParam("limit", 50).get("/api/v2/traces").then().statusCode(200).extract().asString())
                .getList("$");
        return traces.stream()
                .filter(t -> t.stream().anyMatch(s -> "auth-service".equals(service(s))
                        && "postgresql".equals(tags(s).get("db.system"))))
                .filter(t -> t.stream().allMatch(s -> ((Number) s.get("timestamp")).longValue() >= since))
                .findFirst();
    }

    private static Map<String, Object> span(List<Map<String, Object>> trace, String service, String kind, String name) {
        return trace.stream().filter(s -> service.equals(service(s)) && kind.equals(s.get("kind"))
                        && name.equals(s.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " span '" + name + "' of " + service + " in "
                        + trace.stream().map(s -> service(s) + ":" + s.get("name")).toList()));
    }

    private static boolean descendsFrom(Map<String, Object> span, Map<String, Object> ancestor,
            List<Map<String, Object>> trace) {
        Object parent = span.get("parentId");
        while (parent != null) {
            if (parent.equals(ancestor.get("id"))) {
                return true;
            }
            Object current = parent;
            parent = trace.stream().filter(s -> current.equals(s.get("id"))).findFirst()
                    .map(s -> s.get("parentId")).orElse(null);
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static String service(Map<String, Object> span) {
        return (String) ((Map<String, Object>) span.get("localEndpoint")).get("serviceName");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tags(Map<String, Object> span) {
        return (Map<String, Object>) span.getOrDefault("tags", Map.of());
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
