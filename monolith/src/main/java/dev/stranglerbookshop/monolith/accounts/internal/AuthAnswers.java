package dev.stranglerbookshop.monolith.accounts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stranglerbookshop.monolith.accounts.UserView;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What shadow mode compares of auth's answers: what a client relies on, without what legitimately differs (a dry run's
 * id and time, a token's signature, issue time and id).
 */
final class AuthAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuthAnswers() {
    }

    static Map<String, ?> user(UserView user) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", user.email());
        fields.put("displayName", user.displayName());
        fields.put("role", user.role());
        return fields;
    }

    static Map<String, ?> token(TokenIssuer.TokenResponse token) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tokenType", token.tokenType());
        fields.put("expiresIn", token.expiresIn());
        JsonNode claims = claims(token.accessToken());
        fields.put("sub", claims.path("sub").asText());
        fields.put("groups", claims.path("groups").toString());
        fields.put("iss", claims.path("iss").asText());
        return fields;
    }

    /** The token's claims, unverified: only compared, never trusted. */
    private static JsonNode claims(String token) {
        try {
            String[] parts = token.split("\\.");
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
