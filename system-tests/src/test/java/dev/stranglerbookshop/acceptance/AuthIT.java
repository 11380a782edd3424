package dev.stranglerbookshop.acceptance;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@Acceptance
class AuthIT {

    @Test
    void registerAnswersTheUserButNeverThePassword() {
        String email = Api.uniqueEmail("Reader");
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Api.PASSWORD, "displayName", "Reader"))
                .post("/api/auth/register").then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("email", equalTo(email.toLowerCase()))
                .body("displayName", equalTo("Reader"))
                .body("role", equalTo("customer"))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")));
    }

    @Test
    void aDuplicateEmailIsAConflictWhateverItsCase() {
        Api.Customer first = Api.newCustomer("twin");
        given().contentType(ContentType.JSON)
                .body(Map.of("email", first.email().toUpperCase(), "password", Api.PASSWORD, "displayName", "Twin"))
                .post("/api/auth/register").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:bookshop:problem:duplicate-email"));
    }

    @Test
    void aShortPasswordIsRefusedWithTheFieldNamed() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", Api.uniqueEmail("weak"), "password", "123456789", "displayName", "Weak"))
                .post("/api/auth/register").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("password"));
        // Only blanks: login refuses a blank password, so such an account could never sign in.
        given().contentType(ContentType.JSON)
                .body(Map.of("email", Api.uniqueEmail("blank"), "password", " ".repeat(12), "displayName", "Blank"))
                .post("/api/auth/register").then().statusCode(400)
                .body("errors.field", hasItem("password"));
    }

    @Test
    void loginIssuesAShortLivedBearerTokenThatIdentifiesTheCaller() {
        Api.Customer customer = Api.newCustomer("login");
        given().contentType(ContentType.JSON).body(Map.of("email", customer.email(), "password", Api.PASSWORD))
                .post("/api/auth/login").then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(600)); // README: 10 min, whichever side signs
        customer.request().get("/api/me").then().statusCode(200)
                .body("email", equalTo(customer.email()))
                .body("role", equalTo("customer"));
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        Api.Customer customer = Api.newCustomer("careful");
        Response wrongPassword = login(customer.email(), "not my password");
        Response unknownEmail = login(Api.uniqueEmail("ghost"), "not my password");

        wrongPassword.then().statusCode(401).contentType("application/problem+json");
        unknownEmail.then().statusCode(401).contentType("application/problem+json");
        assertThat(unknownEmail.jsonPath().getString("detail")).isEqualTo(wrongPassword.jsonPath().getString("detail"));
        assertThat(unknownEmail.jsonPath().getString("type")).isEqualTo(wrongPassword.jsonPath().getString("type"));
    }

    @Test
    void repeatedFailuresLockTheAccountFor429WithRetryAfter() {
        Api.Customer customer = Api.newCustomer("target");
        for (int i = 0; i < 5; i++) {
            login(customer.email(), "guess number " + i).then().statusCode(401);
        }
        Response locked = login(customer.email(), Api.PASSWORD);
        locked.then().statusCode(429).contentType("application/problem+json");
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isPositive();
    }

    @Test
    void theJwksPublishesTheVerificationKeysOnly() {
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].kid", notNullValue())
                .body("keys[0]", not(hasKey("d")));
    }

    @Test
    void protectedEndpointsWantAValidToken() {
        given().get("/api/me").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not.a.token").get("/api/me").then().statusCode(401);
    }

    private static Response login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/auth/login");
    }
}
