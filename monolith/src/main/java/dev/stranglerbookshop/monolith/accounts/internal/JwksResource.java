package dev.stranglerbookshop.monolith.accounts.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jose4j.jwk.JsonWebKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public keys that verify the access tokens this API hands out, as a JWK Set (RFC 7517), so any client or service
 * can check a token without calling us: the module's own key and, from stage 1, auth-service's (the ones
 * {@link ServiceSigningKeys} trusts, last known ones included), one entry per key id, public parts only.
 */
@Path("/.well-known/jwks.json")
@Tag(name = "auth")
public class JwksResource {

    private final SigningKeys own;
    private final ServiceSigningKeys service;

    JwksResource(SigningKeys own, ServiceSigningKeys service) {
        this.own = own;
        this.service = service;
    }

    /** 200 with {@code {"keys": [...]}}, cacheable for 300 s (a client meeting an unknown key id reads it again). */
    @GET
    @Produces({ "application/jwk-set+json", MediaType.APPLICATION_JSON })
    @Operation(summary = "Every public key that may have signed a live access token (RS256)")
    public Response jwks() {
        Map<String, Map<String, Object>> byKeyId = new LinkedHashMap<>();
        byKeyId.put(own.keyId(), own.publicJwk());
        for (JsonWebKey key : service.current()) {
            byKeyId.putIfAbsent(key.getKeyId(), key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(ServiceSigningKeys.CACHE_SECONDS);
        return Response.ok(Map.of("keys", List.copyOf(new ArrayList<>(byKeyId.values())))).cacheControl(cache).build();
    }
}
