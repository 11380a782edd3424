package dev.stranglerbookshop.acceptance;

import dev.stranglerbookshop.topology.ServiceSpec;
import dev.stranglerbookshop.topology.StagePlan;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Shadow mode compares the monolith's auth answers with auth-service's. Identical behaviour counts matches only; the
 * login limits are one count both sides share (auth-service's shadow call only looks at it, the module counts), so
 * even an account locked while only the monolith answered is answered alike by both. That premise, one accounts
 * schema for both sides, holds at stages 1-3; from stage 4 auth-service's accounts and login counts are in its own
 * database (the monolith's copy follows within the sync interval), so a shadow there compares a copy with its source
 * and this test does not apply (README, "Moving the accounts").
 */
@Acceptance
class AuthShadowIT {

    static String adminToken;
    static String configuredRoute;

    @BeforeEach
    void onlyWhereAuthIsExtracted() {
        assumeTrue(applies(), "needs auth-service on the monolith's accounts (stages 1-3)");
    }

    private static boolean applies() {
        return SystemUnderTest.current().service("auth-service").isPresent()
                && StagePlan.stage(SystemUnderTest.stage()).move(ServiceSpec.AUTH_SERVICE).isEmpty();
    }

    @BeforeAll
    static void rememberTheRoute() {
        if (!applies()) {
            return;
        }
        adminToken = Api.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        configuredRoute = given().auth().oauth2(adminToken).get("/api/admin/migration").then().statusCode(200)
                .extract().path("routes.auth");
    }

    @AfterAll
    static void restore() {
        if (adminToken != null) {
            route(configuredRoute);
        }
    }

    @Test
    void identicalBehaviourOnlyMatchesAndOneSidedStateIsAMismatch() {
        route("shadow");
        double matchesBefore = shadow("match");
        double mismatchesBefore = shadow("mismatch");

        String email = Api.uniqueEmail("shadowed");
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", Api.PASSWORD,
                "displayName", "Shadowed")).post("/api/auth/register").then().statusCode(201);
        login(email, Api.PASSWORD).then().statusCode(200);
        login(email, "wrong password!").then().statusCode(401);

        assertThat(shadow("match") - matchesBefore).isEqualTo(3);
        assertThat(shadow("mismatch") - mismatchesBefore).isZero();

        // Five failures while only the monolith answers: the lock is in the count both sides share, so auth-service's
        // dry run sees it too and the two answers agree.
        String victim = Api.uniqueEmail("lopsided");
        route("monolith");
        given().contentType(ContentType.JSON).body(Map.of("email", victim, "password", Api.PASSWORD,
                "displayName", "Lopsided")).post("/api/auth/register").then().statusCode(201);
        for (int i = 0; i < 5; i++) {
            login(victim, "guess " + i).then().statusCode(401);
        }
        route("shadow");

        login(victim, Api.PASSWORD).then().statusCode(429); // the monolith's answer is the one returned
        assertThat(shadow("match") - matchesBefore).isEqualTo(4);
        assertThat(shadow("mismatch") - mismatchesBefore).isZero();
    }

    private static Response login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/auth/login");
    }

    private static void route(String route) {
        given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(Map.of("routes", Map.of("auth", route))).put("/api/admin/migration").then().statusCode(200);
    }

    private static double shadow(String outcome) {
        return Api.metric("strangler_shadow_total", "outcome=\"" + outcome + "\"");
    }
}
