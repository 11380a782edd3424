package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.monolith.Shop;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class LoginThrottleTest {

    @Test
    void anAccountIsLockedAfterFiveFailuresEvenForTheRightPassword() {
        String email = Shop.uniqueEmail("victim");
        Shop.customer("victim"); // someone else, to show the lock is per account
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Shop.PASSWORD, "displayName", "Victim"))
                .post("/api/auth/register").then().statusCode(201);

        for (int i = 0; i < 5; i++) {
            login(email, "wrong password " + i, "192.0.2." + (10 + i)).then().statusCode(401);
        }
        Response locked = login(email, Shop.PASSWORD, "192.0.2.99");

        locked.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:bookshop:problem:too-many-login-attempts"));
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 300);
    }

    @Test
    void anAddressIsThrottledAfterThirtyAttemptsWhileOthersCarryOn() {
        String attacker = "203.0.113.7";
        for (int i = 0; i < 30; i++) {
            login(Shop.uniqueEmail("guess"), "not the password", attacker).then().statusCode(401);
        }

        login(Shop.uniqueEmail("guess"), "not the password", attacker).then().statusCode(429);
        login(Shop.uniqueEmail("guess"), "not the password", "203.0.113.8").then().statusCode(401);
    }

    @Test
    void unknownEmailAndWrongPasswordAnswerTheSame() {
        String email = Shop.uniqueEmail("known");
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Shop.PASSWORD, "displayName", "Known"))
                .post("/api/auth/register").then().statusCode(201);

        String wrongPassword = login(email, "wrong password!", "192.0.2.200").then().statusCode(401)
                .extract().path("detail");
        String unknownEmail = login(Shop.uniqueEmail("nobody"), "wrong password!", "192.0.2.201").then()
                .statusCode(401).extract().path("detail");

        assertThat(unknownEmail).isEqualTo(wrongPassword).isEqualTo(AuthProblems.WRONG_CREDENTIALS);
    }

    private static Response login(String email, String password, String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("email", email, "password", password)).post("/api/auth/login");
    }
}
