package dev.stranglerbookshop.monolith.accounts.internal;

import io.smallrye.jwt.build.Jwt;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** auth-service's keys while it is up, briefly down, and down for longer than any token it signed can live. */
class ServiceSigningKeysTest {

    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    private final MovableClock clock = new MovableClock();
    private final AtomicBoolean serviceUp = new AtomicBoolean(true);
    private final RsaJsonWebKey serviceKey = key("service-key");
    private final AtomicReference<RsaJsonWebKey> published = new AtomicReference<>(serviceKey);
    private final ServiceSigningKeys keys = new ServiceSigningKeys(Optional.of(() -> {
        if (!serviceUp.get()) {
            throw new java.net.ConnectException("Connection refused");
        }
        return "{\"keys\":[" + published.get().toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
    }), clock, TOKEN_LIFETIME);
    private final JwtConsumer verifier = new JwtConsumerBuilder().setVerificationKeyResolver(keys)
            .setSkipAllValidators().build();

    @Test
    void whileTheServiceIsUpItsKeysVerifyItsTokens() throws Exception {
        verifier.processToClaims(tokenSignedBy(serviceKey));

        assertThat(keys.current()).extracting(JsonWebKey::getKeyId).containsExactly("service-key");
    }

    @Test
    void aFailedReadKeepsTheLastKnownKeysForOneTokenLifetimeAndTheClockSkewThenNoLonger() throws Exception {
        String token = tokenSignedBy(serviceKey);
        verifier.processToClaims(token);

        serviceUp.set(false);
        clock.advance(Duration.ofSeconds(ServiceSigningKeys.CACHE_SECONDS + 1)); // the cache is over: read, fail
        verifier.processToClaims(token);
        assertThat(keys.current()).hasSize(1);

        clock.advance(TOKEN_LIFETIME.plusSeconds(ServiceSigningKeys.CLOCK_SKEW_SECONDS - 1));
        verifier.processToClaims(token);
        assertThat(keys.current()).hasSize(1);

        clock.advance(Duration.ofSeconds(2)); // the bound is over
        assertThat(keys.current()).isEmpty();
        assertThatThrownBy(() -> verifier.processToClaims(token)).isInstanceOf(InvalidJwtException.class);

        serviceUp.set(true);
        clock.advance(Duration.ofSeconds(ServiceSigningKeys.RETRY_SECONDS));
        verifier.processToClaims(token); // back: read again and trusted again
    }

    @Test
    void aKeyIdNotKnownYetIsReadAgainAtOnce() throws Exception {
        assertThat(keys.current()).extracting(JsonWebKey::getKeyId).containsExactly("service-key");
        RsaJsonWebKey rotated = key("rotated-key");
        published.set(rotated);
        clock.advance(Duration.ofMillis(ServiceSigningKeys.REREAD_MILLIS)); // well within the cache's 300 s

        verifier.processToClaims(tokenSignedBy(rotated));
        assertThat(keys.current()).extracting(JsonWebKey::getKeyId).containsExactly("rotated-key");
    }

    private static String tokenSignedBy(RsaJsonWebKey key) {
        return Jwt.issuer("strangler-bookshop").audience("bookshop-api").subject("someone")
                .expiresIn(TOKEN_LIFETIME).jws().keyId(key.getKeyId()).sign(key.getPrivateKey());
    }

    private static RsaJsonWebKey key(String keyId) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(keyId);
            key.setUse("sig");
            return key;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
