package dev.stranglerbookshop.platform.grpc;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How calls to one downstream service are bounded: nested in a service's {@code @ConfigMapping} (the monolith's is
 * {@code bookshop.migration.calls.<capability>.*}). Choose the deadline from the service's measured time under load,
 * with room for a queue on the server, not from its time when idle.
 */
public interface ServiceCallSettings {

    /** Deadline of one call from when it is sent (a gRPC deadline: the server sees it and abandons late work). */
    Duration deadline();

    /** Calls in flight at once; further callers wait for a slot (a bulkhead). */
    @WithDefault("4")
    int concurrency();

    /** Callers that may wait for a slot; one more is shed at once with 503 and {@code Retry-After}. */
    @WithDefault("64")
    int queue();

    /** How long a caller waits for a slot before it is shed (503 and {@code Retry-After}). */
    @WithDefault("PT5S")
    Duration queueTimeout();

    Breaker breaker();

    /** The circuit breaker: counts infrastructure failures only (see {@link ServiceCalls}). */
    interface Breaker {
        /** Calls in the rolling window the failure ratio is computed over. */
        @WithDefault("4")
        int requestVolume();

        /** Share of failed calls in the window that opens the breaker, 0..1. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long the breaker stays open before it lets a trial call through (half-open). */
        @WithDefault("PT2S")
        Duration delay();
    }
}
