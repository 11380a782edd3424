package dev.stranglerbookshop.monolith.accounts.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * auth-service's public signing keys (from stage 1), read from its JWK Set at {@code bookshop.auth.trusted-jwks-url}
 * and kept for {@value #CACHE_SECONDS} s, then read again when next needed; a token naming a key id not known yet (a
 * rotated key, a restarted auth-service) makes it read again at once, at most once a second
 * ({@value #REREAD_MILLIS} ms).
 *
 * <p><b>Last known keys.</b> When a read fails (auth-service down, a timeout of {@value #FETCH_TIMEOUT_MILLIS} ms, an
 * answer that is not a JWK Set), the keys of the last good read are kept, and tried again at most every
 * {@value #RETRY_SECONDS} s, for no longer than one token lifetime ({@code bookshop.auth.token-lifetime}, 10 minutes by
 * default; auth-service reads the same setting) plus the {@value #CLOCK_SKEW_SECONDS} s of clock skew verification
 * allows, counted from the first failed read. Every token auth-service signed before that read was signed while those
 * keys were current, so it expires within that time: sessions outlive a short outage, and a key auth-service has
 * meanwhile retired (perhaps because it leaked) is not trusted beyond the life of the tokens it could have signed.
 * After the bound, tokens signed by auth-service are refused (401) until a read succeeds again.
 */
@ApplicationScoped
public class ServiceSigningKeys implements VerificationKeyResolver {

    static final int CACHE_SECONDS = 300;
    static final int RETRY_SECONDS = 10;
    static final int REREAD_MILLIS = 1_000;
    static final int CLOCK_SKEW_SECONDS = 30;
    static final int FETCH_TIMEOUT_MILLIS = 2_000;

    private static final Logger LOG = Logger.getLogger(ServiceSigningKeys.class);

    /** Reads a JWK Set document; throws on any failure. */
    @FunctionalInterface
    interface Source {
        String read() throws Exception;
    }

    private final Optional<Source> source;
    private final Clock clock;
    private final Duration retention;

    private List<JsonWebKey> known = List.of();
    private Instant readAt;
    private Instant lastTry;
    private Instant failingSince;

    @Inject
    ServiceSigningKeys(AuthSettings settings, @ConfigProperty(name = "bookshop.auth.trusted-jwks-url") Optional<String> url) {
        this(url.map(ServiceSigningKeys::http), Clock.systemUTC(), settings.tokenLifetime());
    }

    ServiceSigningKeys(Optional<Source> source, Clock clock, Duration tokenLifetime) {
        this.source = source;
        this.clock = clock;
        this.retention = tokenLifetime.plusSeconds(CLOCK_SKEW_SECONDS);
    }

    /** Whether auth-service's keys are trusted at all (a JWK Set URL is configured: stage 1 on). */
    public boolean configured() {
        return source.isPresent();
    }

    /**
     * The keys that may have signed a live token: those of the last good read, read again first if older than
     * {@value #CACHE_SECONDS} s; empty before the first good read, without a configured URL, or once the last known
     * keys outlived their bound (see the class description).
     */
    public synchronized List<JsonWebKey> current() {
        Instant now = clock.instant();
        if (readAt == null || now.isAfter(readAt.plusSeconds(CACHE_SECONDS))) {
            refresh(now, Duration.ofSeconds(failingSince == null ? 0 : RETRY_SECONDS));
        }
        return usable(now) ? known : List.of();
    }

    /** The key auth-service signed {@code jws} with, by its key id. */
    @Override
    public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext) throws UnresolvableKeyException {
        String keyId = jws.getKeyIdHeaderValue();
        Optional<JsonWebKey> key = find(keyId, current());
        if (key.isEmpty()) {
            synchronized (this) {
                refresh(clock.instant(), Duration.ofMillis(REREAD_MILLIS)); // perhaps a key rotated in since
                key = find(keyId, usable(clock.instant()) ? known : List.of());
            }
        }
        return key.map(JsonWebKey::getKey)
                .orElseThrow(() -> new UnresolvableKeyException("No trusted signing key with id " + keyId));
    }

    private boolean usable(Instant now) {
        return failingSince == null || now.isBefore(failingSince.plus(retention));
    }

    /** Reads the key set unless the last try was less than {@code pause} ago. */
    private void refresh(Instant now, Duration pause) {
        if (source.isEmpty() || (lastTry != null && now.isBefore(lastTry.plus(pause)))) {
            return;
        }
        lastTry = now;
        try {
            known = List.copyOf(new JsonWebKeySet(source.get().read()).getJsonWebKeys().stream()
                    .filter(k -> k instanceof RsaJsonWebKey && (k.getUse() == null || "sig".equals(k.getUse())))
                    .toList());
            readAt = now;
            failingSince = null;
        } catch (Exception e) {
            if (failingSince == null) {
                failingSince = now;
                LOG.warnf("Could not read auth-service's signing keys (%s); keeping the last known ones until %s",
                        e.toString(), now.plus(retention));
            }
        }
    }

    private static Optional<JsonWebKey> find(String keyId, List<JsonWebKey> keys) {
        return keys.stream().filter(k -> keyId != null && keyId.equals(k.getKeyId())).findFirst();
    }

    private static Source http(String url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(FETCH_TIMEOUT_MILLIS)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(FETCH_TIMEOUT_MILLIS))
                .header("Accept", "application/jwk-set+json, application/json").GET().build();
        return () -> {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + answer.statusCode());
            }
            return answer.body();
        };
    }
}
