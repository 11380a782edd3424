package dev.stranglerbookshop.messaging.outbox.internal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code bookshop.outbox.*}: how the relay paces itself (whether events flow at all, the stage plan says). */
@ConfigMapping(prefix = "bookshop.outbox")
public interface OutboxSettings {

    /**
     * The relay's safety-net poll. Rows normally go out right after their commit (an in-process wake-up, and PostgreSQL
     * NOTIFY for other instances); the poll only catches a lost wake-up, and paces retries after a failed tick.
     * Quarkus's simple scheduler runs nothing more often than once a second, so shorter values act as 1 s.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Pending rows published per transaction. */
    @WithDefault("100")
    int batchSize();

    /** How long the relay waits for the broker to acknowledge a batch before it tries again later. */
    @WithDefault("PT5S")
    Duration publishDeadline();

    /**
     * How many times Kafka may refuse one message for itself (too large, invalid topic) before the relay parks it so
     * the rows behind it can go. Outages (timeouts, an unreachable broker) never count.
     */
    @WithDefault("3")
    int maxAttempts();

    /** How long published rows are kept for inspection before they are deleted. */
    @WithDefault("P1D")
    Duration retention();

    /**
     * Whether this deployable publishes: {@link dev.stranglerbookshop.messaging.outbox.Outbox#PUBLISHER_PROPERTY}, read
     * at build time (the beans exist or not); listed here so the key belongs to this mapping and is validated.
     */
    @WithDefault("false")
    boolean publisher();
}
