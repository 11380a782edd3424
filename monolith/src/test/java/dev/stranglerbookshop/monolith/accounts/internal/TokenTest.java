package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.monolith.Shop;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
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

    /**
     * Forgeries of a real customer's token (its own claims, which pass as issued): unsigned ({@code alg: none}); HS256
     * with the monolith's RSA public key as the HMAC secret (key confusion, with the key's DER bytes and with its PEM
     * text); signed by an unknown RSA key under a key id the monolith does not know.
     */
    @Test
    void forgeriesOfAValidTokenAreRefused() throws Exception {
        String issued = Shop.customer("forged");
        given().auth().oauth2(issued).get("/api/me").then().statusCode(200); // the claims themselves are good
        String claims = new String(Base64.getUrlDecoder().decode(issued.split("\\.")[1]), StandardCharsets.UTF_8);

        JsonWebSignature unsigned = new JsonWebSignature();
        unsigned.setPayload(claims);
        unsigned.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        unsigned.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        refused(unsigned.getCompactSerialization());
        refused(unsigned.getCompactSerialization() + "AAAA"); // an unsigned token with a bogus signature part

        byte[] der = keys.publicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        for (byte[] secret : new byte[][] {der, pem.getBytes(StandardCharsets.US_ASCII)}) {
            JsonWebSignature confused = new JsonWebSignature();
            confused.setPayload(claims);
            confused.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            confused.setKeyIdHeaderValue(keys.keyId());
            confused.setKey(new HmacKey(secret));
            confused.setDoKeyValidation(false);
            refused(confused.getCompactSerialization());
        }

        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        JsonWebSignature stranger = new JsonWebSignature();
        stranger.setPayload(claims);
        stranger.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        stranger.setKeyIdHeaderValue("unknown-" + UUID.randomUUID());
        stranger.setKey(generator.generateKeyPair().getPrivate());
        refused(stranger.getCompactSerialization());

        // Positive control of the forging itself: the same claims signed the same way with the real key pass.
        JsonWebSignature genuine = new JsonWebSignature();
        genuine.setPayload(claims);
        genuine.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        genuine.setKeyIdHeaderValue(keys.keyId());
        genuine.setKey(keys.privateKey());
        given().auth().oauth2(genuine.getCompactSerialization()).get("/api/me").then().statusCode(200);
    }

    private static void refused(String token) {
        given().auth().oauth2(token).get("/api/me").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:bookshop:problem:unauthenticated"));
    }
}
