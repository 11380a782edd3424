package dev.stranglerbookshop.auth.accounts;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class JwksResourceTest {

    @Inject
    SigningKeys keys;

    @Test
    void publishesThePublicSigningKeyOnly() {
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age=300"))
                .body("keys[0].kid", equalTo(keys.keyId()))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0]", not(hasKey("d")))
                .body("keys[0]", not(hasKey("p")));
    }
}
