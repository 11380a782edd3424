package dev.stranglerbookshop.acceptance;

import dev.stranglerbookshop.topology.ServiceSpec;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Failure drill for the extracted search: with search-service stopped, a canary falls back to the monolith's module
 * with no client error, the service route answers a 503 problem within 0.5 s, and both recover when the service is
 * back, without restarting the monolith.
 */
@Acceptance
class SearchFailoverIT {

    static String configuredRoute;

    @BeforeAll
    static void rememberTheRoute() {
        if (applies()) {
            configuredRoute = Api.route("search");
        }
    }

    @BeforeEach
    void onlyWithASearchServiceToStop() {
        assumeTrue(applies(), "needs a search-service (stage 3 or later) the suite started itself");
    }

    private static boolean applies() {
        return SystemUnderTest.runs(ServiceSpec.SEARCH_SERVICE)
                && SystemUnderTest.current().service(ServiceSpec.SEARCH_SERVICE.name()).isPresent();
    }

    @AfterAll
    static void restore() {
        if (configuredRoute != null) {
            ManagedService search = SystemUnderTest.current().service(ServiceSpec.SEARCH_SERVICE.name()).orElseThrow();
            if (search.process() == null) {
                search.start().awaitReady(Duration.ofSeconds(120));
            }
            Api.route("search", configuredRoute);
        }
    }

    @Test
    void canaryFallsBackServiceAnswers503FastAndBothRecover() {
        ManagedService search = SystemUnderTest.current().service(ServiceSpec.SEARCH_SERVICE.name()).orElseThrow();
        Api.route("search", "canary:100"); // every query to the service, so every search exercises the fallback
        search("war").then().statusCode(200);
        search.stop();

        double fallbacks = Api.metric("strangler_fallback_total", "capability=\"search\"");
        for (int i = 0; i < 10; i++) {
            search("war " + i).then().statusCode(200);
        }
        assertThat(Api.metric("strangler_fallback_total", "capability=\"search\"") - fallbacks)
                .as("each of the 10 searches fell back").isEqualTo(10);

        Api.route("search", "service");
        long slowest = 0;
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            Response refused = search("peace " + i);
            slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
            refused.then().statusCode(503).contentType("application/problem+json");
            assertThat(refused.header("Retry-After")).isNotBlank();
        }
        System.out.printf("search-service down, service route: 503 problem, slowest of 5 in %d ms%n", slowest);
        assertThat(slowest).as("503 without waiting for a dead service").isLessThan(500);

        search.start().awaitReady(Duration.ofSeconds(120));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> search("war").then().statusCode(200)); // the circuit closes again by itself
    }

    private static Response search(String q) {
        return given().queryParam("q", q).get("/api/search");
    }
}
