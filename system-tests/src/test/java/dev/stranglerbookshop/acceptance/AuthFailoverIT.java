package dev.stranglerbookshop.acceptance;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Failure drill for the extracted auth: with auth-service stopped, a canary falls back to the monolith's module with
 * no client error, service mode answers 503 at once instead of hanging, and both recover when the service is back,
 * without restarting the monolith. Runs where the suite started the system itself at stage 1 or later.
 */
@Acceptance
class AuthFailoverIT {

    /** The monolith's deadline for one auth-service call, {@code bookshop.migration.calls.auth.deadline}, in ms. */
    private static final long AUTH_DEADLINE_MS = 2_000;

    static String adminToken;
    static Api.Customer customer;
    static String configuredRoute;

    @BeforeEach
    void onlyWithAnAuthServiceToStop() {
        assumeTrue(applies(), "needs an auth-service the suite started itself (stage 1 or later)");
    }

    private static boolean applies() {
        return SystemUnderTest.current().service("auth-service").isPresent();
    }

    @BeforeAll
    static void aCustomer() {
        if (!applies()) {
            return;
        }
        adminToken = Api.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        customer = Api.newCustomer("resilient");
        configuredRoute = given().auth().oauth2(adminToken).get("/api/admin/migration").then().statusCode(200)
                .extract().path("routes.auth");
    }

    @AfterAll
    static void restore() {
        if (adminToken != null) {
            SystemUnderTest.current().service("auth-service").ifPresent(s -> {
                if (s.process() == null) {
                    s.start().awaitReady(Duration.ofSeconds(120));
                }
            });
            route(configuredRoute);
        }
    }

    @Test
    void canaryFallsBackServiceAnswers503AndBothRecover() {
        ManagedService auth = SystemUnderTest.current().service("auth-service").orElseThrow();
        route("canary:100"); // every caller to the service, so every login exercises the fallback
        double fallbacksBefore = Api.metric("strangler_fallback_total", "capability=\"auth\"");
        auth.stop();

        for (int i = 0; i < 5; i++) {
            login().then().statusCode(200);
        }
        assertThat(Api.metric("strangler_fallback_total", "capability=\"auth\"") - fallbacksBefore)
                .as("each of the 5 logins fell back once, whether the call failed or the breaker was open")
                .isEqualTo(5);

        route("service");
        long started = System.nanoTime();
        Response refused = login();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        refused.then().statusCode(503).contentType("application/problem+json");
        assertThat(refused.header("Retry-After")).isNotBlank();
        System.out.printf("auth-service down, service mode: 503 in %d ms%n", tookMillis);
        // A stopped service refuses the connection (or the breaker is open): the answer must not wait for the call's
        // deadline (bookshop.migration.calls.auth.deadline, 2 s), which is what a hung service would cost.
        assertThat(tookMillis).as("503 without waiting for the deadline").isLessThan(AUTH_DEADLINE_MS);

        auth.start().awaitReady(Duration.ofSeconds(120));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> login().then().statusCode(200)); // the circuit closes again by itself
    }

    private static Response login() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", customer.email(), "password", Api.PASSWORD)).post("/api/auth/login");
    }

    private static void route(String route) {
        given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(Map.of("routes", Map.of("auth", route))).put("/api/admin/migration").then().statusCode(200);
    }
}
