package dev.stranglerbookshop.monolith.accounts.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.stranglerbookshop.platform.problem.ProblemException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Brute-force protection for logins, two token buckets: every attempt from a client address spends one, and every
 * failed attempt against an account (known or not, so answers do not reveal which emails exist) spends one. An empty
 * bucket answers 429 with Retry-After. State is per process: behind several instances an attacker gets N times the
 * budget, which still bounds guessing; a shared store is the upgrade path.
 */
@ApplicationScoped
public class LoginThrottle {

    private final AuthSettings.Throttle limits;
    private final Cache<String, Bucket> accounts;
    private final Cache<String, Bucket> addresses;

    LoginThrottle(AuthSettings settings) {
        this.limits = settings.throttle();
        this.accounts = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(limits.accountPeriod()).build();
        this.addresses = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(limits.addressPeriod()).build();
    }

    /** Spends an attempt for the address and refuses if it or the account has none left. */
    public void beforeAttempt(String email, String address) {
        ConsumptionProbe byAddress = addresses.get(address,
                a -> bucket(limits.addressAttempts(), limits.addressPeriod())).tryConsumeAndReturnRemaining(1);
        if (!byAddress.isConsumed()) {
            throw tooMany("from this address", byAddress.getNanosToWaitForRefill());
        }
        EstimationProbe byAccount = accountBucket(email).estimateAbilityToConsume(1);
        if (!byAccount.canBeConsumed()) {
            throw tooMany("for this account", byAccount.getNanosToWaitForRefill());
        }
    }

    public void failed(String email) {
        accountBucket(email).tryConsume(1);
    }

    private Bucket accountBucket(String email) {
        return accounts.get(email, e -> bucket(limits.accountFailures(), limits.accountPeriod()));
    }

    private static Bucket bucket(int capacity, Duration period) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build();
    }

    private static ProblemException tooMany(String scope, long nanosToWait) {
        Duration wait = Duration.ofNanos(nanosToWait);
        return AuthProblems.throttled(
                "Too many login attempts " + scope + "; try again in " + Math.max(1, wait.toSeconds()) + " s.", wait);
    }
}
