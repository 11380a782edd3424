package dev.stranglerbookshop.monolith.accounts.internal;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

import java.util.Optional;

/**
 * Verifies bearer tokens locally, with no call per request: signature (RS256 only), issuer, audience, expiry. Keys:
 * the module's own, and from stage 1 also auth-service's, read from its JWK Set
 * ({@code bookshop.auth.trusted-jwks-url}), cached, and fetched again only when a token names an unknown key id (a
 * rotated key). While a canary runs, tokens from both sides are valid.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class TrustedTokens extends JWTCallerPrincipalFactory {

    private final JwtConsumer consumer;

    TrustedTokens(SigningKeys own, AuthSettings settings,
            @ConfigProperty(name = "bookshop.auth.trusted-jwks-url") Optional<String> serviceJwks) {
        VerificationKeyResolver remote = serviceJwks.map(url -> {
            HttpsJwks jwks = new HttpsJwks(url);
            jwks.setDefaultCacheDuration(300);
            return (VerificationKeyResolver) new HttpsJwksVerificationKeyResolver(jwks);
        }).orElse(null);
        VerificationKeyResolver keys = (jws, nesting) -> {
            if (own.keyId().equals(jws.getKeyIdHeaderValue()) || remote == null) {
                return own.publicKey();
            }
            return remote.resolveKey(jws, nesting);
        };
        this.consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(keys)
                .setExpectedIssuer(settings.issuer())
                .setExpectedAudience(settings.audience())
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(30)
                .build();
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo ignored) throws ParseException {
        try {
            return new DefaultJWTCallerPrincipal(token, "JWT", consumer.processToClaims(token));
        } catch (InvalidJwtException e) {
            throw new ParseException("The bearer token is not valid", e);
        }
    }
}
