package dev.stranglerbookshop.auth.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import jakarta.enterprise.context.ApplicationScoped;

import com.google.protobuf.Any;

/**
 * Brute-force protection for logins, as the monolith's accounts module does it: every attempt from a client address
 * spends a token, every failure against an account (known or not) spends one; an empty bucket answers
 * RESOURCE_EXHAUSTED with a google.rpc.RetryInfo saying when to try again. State is per instance.
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

    private static Bucket bucket(int capacity, java.time.Duration period) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build();
    }

    private static StatusRuntimeException tooMany(String scope, long nanosToWait) {
        long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        RetryInfo retry = RetryInfo.newBuilder().setRetryDelay(Duration.newBuilder().setSeconds(seconds)).build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
                .setMessage("Too many login attempts " + scope + "; try again in " + seconds + " s.")
                .addDetails(Any.pack(retry))
                .build());
    }
}
