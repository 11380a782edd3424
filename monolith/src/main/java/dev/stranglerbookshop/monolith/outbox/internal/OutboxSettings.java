package dev.stranglerbookshop.monolith.outbox.internal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code bookshop.outbox.*}: whether events are published, and how the relay paces itself. */
@ConfigMapping(prefix = "bookshop.outbox")
public interface OutboxSettings {

    /** Unset: on from stage 2, when notification-service is the first consumer. */
    Optional<Boolean> enabled();

    /** Pending rows published per transaction. */
    @WithDefault("100")
    int batchSize();

    /** How long the relay waits for the broker to acknowledge a batch before it tries again later. */
    @WithDefault("PT5S")
    Duration publishDeadline();

    /** How long published rows are kept for inspection before they are deleted. */
    @WithDefault("P1D")
    Duration retention();
}
