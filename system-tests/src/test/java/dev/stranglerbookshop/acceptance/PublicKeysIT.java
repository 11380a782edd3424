package dev.stranglerbookshop.acceptance;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public JWK Set ({@code /.well-known/jwks.json}) verifies every token the API hands out, whichever side signed
 * it: the monolith's module, or auth-service from stage 1. A client checks a token as any verifier would, with jose4j
 * reading the published set. Where auth-service runs, logins go through each side in turn.
 */
@Acceptance
class PublicKeysIT {

    @Test
    void thePublishedKeySetVerifiesTheTokensOfEverySide() throws Exception {
        Api.Customer customer = Api.newCustomer("verifier");
        List<String> routes = SystemUnderTest.current().service("auth-service").isPresent()
                ? List.of("monolith", "service") : List.of("monolith");
        String configured = Api.route("auth");
        List<String> tokens = new ArrayList<>();
        try {
            for (String route : routes) {
                Api.route("auth", route);
                tokens.add(Api.login(customer.email(), Api.PASSWORD));
            }
        } finally {
            Api.route("auth", configured);
        }

        String published = given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        JwtConsumer verifier = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(published).getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer("strangler-bookshop").setExpectedAudience("bookshop-api")
                .setRequireExpirationTime().build();
        for (String token : tokens) {
            JwtClaims claims = verifier.processToClaims(token);
            assertThat(claims.getStringListClaimValue("groups")).containsExactly("customer");
        }
        System.out.printf("public JWK Set verified %d tokens (routes %s)%n", tokens.size(), routes);
    }
}
