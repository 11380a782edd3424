package dev.stranglerbookshop.monolith.idempotency.internal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code bookshop.idempotency.*}: how long an {@code Idempotency-Key} and its answer are kept. */
@ConfigMapping(prefix = "bookshop.idempotency")
public interface IdempotencySettings {

    /**
     * How long a key's first answer is given again; after that the key is free to mean a new request. 24 hours, like
     * the payment APIs the convention comes from: long enough for any client's retries, short enough to keep the
     * table small.
     */
    @WithDefault("P1D")
    Duration retention();
}
