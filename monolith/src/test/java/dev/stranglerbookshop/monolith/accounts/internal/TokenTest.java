package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.monolith.Shop;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class TokenTest {

    @Inject
    SigningKeys keys;

    @Test
    void tokensAreShortLivedRs256WithTheKeyIdPublishedInTheJwks() {
        String token = Shop.customer("reader");
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);

        assertThat(header).contains("\"alg\":\"RS256\"").contains("\"kid\":\"" + keys.keyId() + "\"");
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kid", hasItem(keys.keyId()))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].d", equalTo(null)); // never the private exponent
        given().auth().oauth2(token).get("/api/me").then().statusCode(200).body("displayName", equalTo("reader"));
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey stranger = generator.generateKeyPair().getPrivate();

        refused(Jwt.issuer("strangler-bookshop").audience("bookshop-api").subject(UUID.randomUUID().toString())
                .groups(Set.of("admin")).jws().keyId(keys.keyId()).sign(stranger));
    }

    @Test
    void aWrongAudienceOrIssuerOrAnExpiredTokenIsRefused() {
        String subject = UUID.randomUUID().toString();
        refused(Jwt.issuer("strangler-bookshop").audience("another-api").subject(subject).groups(Set.of("customer"))
                .jws().keyId(keys.keyId()).sign(keys.privateKey()));
        refused(Jwt.issuer("somebody-else").audience("bookshop-api").subject(subject).groups(Set.of("customer"))
                .jws().keyId(keys.keyId()).sign(keys.privateKey()));
        refused(Jwt.issuer("strangler-bookshop").audience("bookshop-api").subject(subject).groups(Set.of("customer"))
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(1800))
                .jws().keyId(keys.keyId()).sign(keys.privateKey()));
    }

    private static void refused(String token) {
        given().auth().oauth2(token).get("/api/me").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:bookshop:problem:unauthenticated"));
    }
}
