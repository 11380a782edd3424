package dev.stranglerbookshop.auth.accounts;

import dev.stranglerbookshop.auth.store.Account;

import dev.stranglerbookshop.proto.auth.v1.AccessToken;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** Signs short-lived RS256 access tokens with the same claims the monolith issued: subject = user id, groups = role. */
@ApplicationScoped
public class TokenIssuer {

    private final SigningKeys keys;
    private final AuthSettings settings;

    TokenIssuer(SigningKeys keys, AuthSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    public AccessToken issue(Account account) {
        String token = Jwt.issuer(settings.issuer())
                .audience(settings.audience())
                .subject(account.id().toString())
                .upn(account.email())
                .claim("name", account.displayName())
                .groups(Set.of(account.role()))
                .expiresIn(settings.tokenLifetime())
                .jws().keyId(keys.keyId())
                .sign(keys.privateKey());
        return AccessToken.newBuilder().setAccessToken(token).setTokenType("Bearer")
                .setExpiresInSeconds(settings.tokenLifetime().toSeconds()).build();
    }
}
