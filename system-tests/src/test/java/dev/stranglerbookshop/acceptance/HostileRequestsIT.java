package dev.stranglerbookshop.acceptance;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad request never takes capacity away from good ones: 50 hostile requests to each strangled capability (text
 * PostgreSQL cannot hold, control characters, bidirectional overrides, unpaired surrogates, oversized and deeply nested
 * bodies, wrong types, duplicates, impossible amounts) each get a 4xx problem, never a 5xx; then another caller's valid
 * request succeeds at once. At stages 1-3 the hostile requests reach (or are kept from) the extracted services, whose
 * circuit breakers must count only infrastructure failures.
 */
@Acceptance
class HostileRequestsIT {

    /** Values no string field may hold, or that no field expects. */
    static final List<Object> HOSTILE_TEXT = List.of("\u0000", "eve\u0000@example.org", "Eve\u0000", "\u0007bell",
            "\u202Eevil\u202C", "iso\u2066late", "\uD800", "tail\uDC00", "\u009Bcsi", 5, List.of("a"),
            Map.of("$gt", ""), true);

    @Test
    void fiftyHostileRegistrationsThenAnotherCallerRegisters() {
        List<Function<Integer, Map<String, Object>>> bodies = List.of(
                i -> register(value(i), Api.PASSWORD, "Hostile"),
                i -> register(Api.uniqueEmail("hostile"), Api.PASSWORD, value(i)),
                i -> register(Api.uniqueEmail("hostile"), value(i), "Hostile"),
                i -> register(Api.ADMIN_EMAIL, Api.PASSWORD, "Again")); // a duplicate: 409 from either side
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(given().contentType(ContentType.JSON).body(bodies.get(i % bodies.size()).apply(i))
                    .post("/api/auth/register"));
        }
        answers.add(raw("/api/auth/register", "[".repeat(5_000) + "]".repeat(5_000)));
        answers.add(raw("/api/auth/register", "{\"email\": \"" + "x".repeat(70_000) + "\"}"));
        answers.add(raw("/api/auth/register", "{\"email\":\"" + Api.uniqueEmail("twice") + "\",\"password\":\""
                + Api.PASSWORD + "\",\"displayName\":\"x\",\"displayName\":\"y\"}")); // a repeated key
        answers.add(raw("/api/auth/register", "{\"email\":\"" + Api.uniqueEmail("tail") + "\",\"password\":\""
                + Api.PASSWORD + "\",\"displayName\":\"x\"}x")); // something after the document
        assertAllRefusedAsProblems(answers, "registration");

        String email = Api.uniqueEmail("after-the-storm");
        given().contentType(ContentType.JSON).body(register(email, Api.PASSWORD, "After"))
                .post("/api/auth/register").then().statusCode(201);
    }

    @Test
    void fiftyHostileLoginsThenTheAdministratorSignsIn() {
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Map<String, Object> body = i % 2 == 0 ? Map.of("email", value(i), "password", "whatever it is")
                    : Map.of("email", Api.uniqueEmail("nobody"), "password", value(i));
            answers.add(given().contentType(ContentType.JSON).body(body).post("/api/auth/login"));
        }
        assertAllRefusedAsProblems(answers, "login");
        assertThat(Api.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD)).isNotBlank();
    }

    @Test
    void fiftyHostileSearchesThenAnotherSearchFinds() {
        List<Map<String, String>> queries = List.of(Map.of("q", "\u0000"), Map.of("q", "war\u0000"),
                Map.of("q", "\u202Ewar"), Map.of("q", "x".repeat(1_000)), Map.of("q", "war", "minPrice", "1e-20000000"),
                Map.of("q", "war", "maxPrice", "1E999999999"), Map.of("q", "war", "minPrice", "-0"),
                Map.of("q", "war", "minPrice", "١٢"), Map.of("q", "war", "page", "99999999999"),
                Map.of("q", "war", "size", "lots"), Map.of("q", " "), Map.of("q\u0000", "war"));
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(given().queryParams(queries.get(i % queries.size())).get("/api/search"));
        }
        assertAllRefusedAsProblems(answers, "search");
        given().queryParam("q", "war").get("/api/search").then().statusCode(200);
    }

    private static void assertAllRefusedAsProblems(List<Response> answers, String what) {
        for (int i = 0; i < answers.size(); i++) {
            Response answer = answers.get(i);
            assertThat(answer.statusCode()).as("%s %d: %s", what, i, answer.asString()).isBetween(400, 499);
            assertThat(answer.contentType()).as("%s %d", what, i).startsWith("application/problem+json");
            assertThat(answer.asString()).doesNotContain("Exception", "\tat ");
        }
    }

    private static Object value(int i) {
        return HOSTILE_TEXT.get(i % HOSTILE_TEXT.size());
    }

    private static Map<String, Object> register(Object email, Object password, Object displayName) {
        return Map.of("email", email, "password", password, "displayName", displayName);
    }

    private static Response raw(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }
}
