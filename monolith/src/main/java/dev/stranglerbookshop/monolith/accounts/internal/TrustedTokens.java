package dev.stranglerbookshop.monolith.accounts.internal;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

/**
 * Verifies bearer tokens locally, with no call per request: signature (RS256 only), issuer, audience, expiry (30 s of
 * clock skew allowed), subject. Keys: the module's own ({@link SigningKeys}), and from stage 1 also auth-service's
 * ({@link ServiceSigningKeys}: cached, read again for an unknown key id, the last known ones kept for a bounded time
 * while auth-service is down). While a canary runs, tokens from both sides are valid. A token that fails any check is
 * answered 401 {@code unauthenticated} by the bearer-token mechanism.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class TrustedTokens extends JWTCallerPrincipalFactory {

    private final JwtConsumer consumer;

    TrustedTokens(SigningKeys own, AuthSettings settings, ServiceSigningKeys service) {
        VerificationKeyResolver keys = (jws, nesting) -> {
            String keyId = jws.getKeyIdHeaderValue();
            if (keyId == null || own.keyId().equals(keyId) || !service.configured()) {
                return own.publicKey();
            }
            return service.resolveKey(jws, nesting);
        };
        this.consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(keys)
                .setExpectedIssuer(settings.issuer())
                .setExpectedAudience(settings.audience())
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(ServiceSigningKeys.CLOCK_SKEW_SECONDS)
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
