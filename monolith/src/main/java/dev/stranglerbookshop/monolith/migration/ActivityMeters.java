package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.messaging.outbox.OutboxMetrics;
import dev.stranglerbookshop.platform.grpc.BreakerState;
import dev.stranglerbookshop.platform.strangler.ShadowComparisons;
import dev.stranglerbookshop.platform.strangler.StranglerMetrics;
import dev.stranglerbookshop.topology.Capability;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;

/**
 * The panel's figures that live only in Micrometer, read back by name and tags. Reading meters instead of asking the
 * modules keeps the migration package free of any module: the gRPC clients and the outbox publish, this reads.
 */
final class ActivityMeters {

    /** The outbox's gauges (the messaging library's), registered once its relay first measures (stage 2 on). */
    static final String OUTBOX_PENDING = OutboxMetrics.PENDING;
    static final String OUTBOX_OLDEST_AGE = OutboxMetrics.OLDEST_PENDING_AGE;

    private final MeterRegistry meters;

    ActivityMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Shadow comparisons of the capability since this process started, summed over its operations. */
    MigrationActivity.ShadowOutcomes shadow(Capability capability) {
        return new MigrationActivity.ShadowOutcomes(shadow(capability, ShadowComparisons.Outcome.MATCH),
                shadow(capability, ShadowComparisons.Outcome.MISMATCH),
                shadow(capability, ShadowComparisons.Outcome.ERROR));
    }

    private long shadow(Capability capability, ShadowComparisons.Outcome outcome) {
        return sum(meters.find(StranglerMetrics.SHADOW).tag(StranglerMetrics.CAPABILITY, capability.key())
                .tag(StranglerMetrics.OUTCOME, outcome.tag()));
    }

    /** Canary calls the module answered because the service could not, since this process started, all operations. */
    long fallbacks(Capability capability) {
        return sum(meters.find(StranglerMetrics.FALLBACK).tag(StranglerMetrics.CAPABILITY, capability.key()));
    }

    /**
     * The breaker of this process's client for the capability's service, found by the service's name (each client
     * names its calls after {@link Capability#service()}).
     *
     * @return {@code closed}, {@code half_open}, {@code open}, or {@code none} when this process has no client for it
     *         (not extracted at this stage, or never called yet: a client is made at its first call)
     */
    String breaker(Capability capability) {
        Gauge gauge = meters.find(StranglerMetrics.BREAKER)
                .tag(StranglerMetrics.SERVICE, capability.service().name()).gauge();
        return gauge == null ? "none" : BreakerState.ofGauge(gauge.value()).map(BreakerState::key).orElse("none");
    }

    /**
     * @param enabled whether events flow at this stage (the outbox is on)
     * @return the relay's backlog as last measured (once a second); zeros while off or not measured yet
     */
    MigrationActivity.OutboxBacklog outbox(boolean enabled) {
        return new MigrationActivity.OutboxBacklog(enabled, (long) gauge(OUTBOX_PENDING), gauge(OUTBOX_OLDEST_AGE));
    }

    private double gauge(String name) {
        Gauge gauge = meters.find(name).gauge();
        double value = gauge == null ? 0 : gauge.value();
        return Double.isNaN(value) ? 0 : value;
    }

    private static long sum(Search search) {
        double total = 0;
        for (Counter counter : search.counters()) {
            total += counter.count();
        }
        return (long) total;
    }
}
