package dev.stranglerbookshop.monolith.accounts.internal;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import java.util.Set;

/**
 * Tells SmallRye JWT how to verify bearer tokens: signature with the module's own public key (in-process, no network
 * hop), issuer and audience checked. Replaces the configuration-file based provider because the key may be generated
 * at start.
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
