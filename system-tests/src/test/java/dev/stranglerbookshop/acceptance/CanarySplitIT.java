package dev.stranglerbookshop.acceptance;

import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.Route;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A canary run proves both sides served: 200 callers with distinct keys each make one call of the canaried
 * capability, and the router's own counters ({@code strangler_route_total}) show the service's share within 15
 * percentage points of the route's percentage (at 50 %, 200 draws have a standard deviation of 3.5 points: a correct
 * split fails this about once in 30,000 runs; a flag stuck at 0 % or 100 % fails it always).
 */
@Acceptance
class CanarySplitIT {

    private static final int CALLERS = 200;

    @Test
    void bothSidesServeTheirShare() {
        Capability canaried = Arrays.stream(Capability.values())
                .filter(c -> Api.route(c.key()).startsWith("canary:")).findFirst().orElse(null);
        assumeTrue(canaried != null, "runs where a capability is on a canary (the canary acceptance runs)");
        int percent = Route.parse(Api.route(canaried.key())).canaryPercent();
        String capability = "capability=\"" + canaried.key() + "\"";
        double serviceBefore = Api.metric("strangler_route_total", capability, "side=\"service\"");
        double monolithBefore = Api.metric("strangler_route_total", capability, "side=\"monolith\"");

        for (int i = 0; i < CALLERS; i++) {
            call(canaried, i);
        }

        double service = Api.metric("strangler_route_total", capability, "side=\"service\"") - serviceBefore;
        double monolith = Api.metric("strangler_route_total", capability, "side=\"monolith\"") - monolithBefore;
        System.out.printf("CanarySplitIT: %s at canary:%d, %d callers: service %.0f, monolith %.0f (%.1f %%)%n",
                canaried.key(), percent, CALLERS, service, monolith, 100 * service / (service + monolith));
        assertThat(service + monolith).as("every call decided once").isEqualTo(CALLERS);
        assertThat(100 * service / CALLERS).as("the service's share, in percent").isBetween(percent - 15.0,
                percent + 15.0);
    }

    /** One call with its own caller key (auth: the email; search: the query). Its answer does not matter here. */
    private static void call(Capability capability, int i) {
        switch (capability) {
            case AUTH -> given().contentType(ContentType.JSON)
                    .body(Map.of("email", Api.uniqueEmail("split" + i), "password", "whatever it is"))
                    .post("/api/auth/login").then().statusCode(401);
            case SEARCH -> given().queryParam("q", "split" + i).get("/api/search").then().statusCode(200);
            case NOTIFICATIONS -> throw new IllegalStateException("notifications take no canary");
        }
    }
}
