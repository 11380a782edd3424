package dev.stranglerbookshop.monolith.accounts.internal;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import java.util.Set;

/**
 * The settings SmallRye JWT's bearer-token mechanism expects (issuer, audience, the module's key). The verification
 * itself is {@link TrustedTokens}', which also trusts auth-service's keys from stage 1. Replaces the
 * configuration-file based provider because the key may be generated at start.
 */
@ApplicationScoped
public class TokenVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo verification(SigningKeys keys, AuthSettings settings) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicVerificationKey(keys.publicKey());
        info.setIssuedBy(settings.issuer());
        info.setExpectedAudience(Set.of(settings.audience()));
        info.setRequiredClaims(Set.of("sub", "exp", "iat", "groups"));
        return info;
    }
}
