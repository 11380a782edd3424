package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.platform.strangler.StranglerMetrics;
import dev.stranglerbookshop.topology.Capability;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The panel's Micrometer figures, read back from a real registry as the strangler's code writes them. */
class ActivityMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ActivityMeters meters = new ActivityMeters(registry);

    @Test
    void shadowOutcomesAndFallbacksAreSummedOverOperationsOfOneCapability() {
        count(StranglerMetrics.SHADOW, 3, "capability", "auth", "operation", "login", "outcome", "match");
        count(StranglerMetrics.SHADOW, 2, "capability", "auth", "operation", "register", "outcome", "match");
        count(StranglerMetrics.SHADOW, 4, "capability", "auth", "operation", "register", "outcome", "mismatch");
        count(StranglerMetrics.SHADOW, 1, "capability", "auth", "operation", "login", "outcome", "error");
        count(StranglerMetrics.SHADOW, 7, "capability", "search", "operation", "search", "outcome", "match");
        count(StranglerMetrics.FALLBACK, 2, "capability", "auth", "operation", "login");
        count(StranglerMetrics.FALLBACK, 5, "capability", "auth", "operation", "register");
        count(StranglerMetrics.FALLBACK, 9, "capability", "search", "operation", "search");

        assertThat(meters.shadow(Capability.AUTH)).isEqualTo(new MigrationActivity.ShadowOutcomes(5, 4, 1));
        assertThat(meters.fallbacks(Capability.AUTH)).isEqualTo(7);
        assertThat(meters.shadow(Capability.NOTIFICATIONS)).isEqualTo(new MigrationActivity.ShadowOutcomes(0, 0, 0));
        assertThat(meters.fallbacks(Capability.NOTIFICATIONS)).isZero();
    }

    @Test
    void theBreakerIsReadFromItsServicesGaugeAndIsNoneWithoutOne() {
        AtomicReference<Double> search = new AtomicReference<>(0.0);
        Gauge.builder(StranglerMetrics.BREAKER, search, AtomicReference::get)
                .tag(StranglerMetrics.SERVICE, "search-service").register(registry);

        assertThat(meters.breaker(Capability.SEARCH)).isEqualTo("closed");
        search.set(1.0);
        assertThat(meters.breaker(Capability.SEARCH)).isEqualTo("half_open");
        search.set(2.0);
        assertThat(meters.breaker(Capability.SEARCH)).isEqualTo("open");
        search.set(Double.NaN);
        assertThat(meters.breaker(Capability.SEARCH)).as("a gauge whose client is gone").isEqualTo("none");
        assertThat(meters.breaker(Capability.AUTH)).as("no client for auth-service").isEqualTo("none");
    }

    @Test
    void theOutboxIsZeroUntilItsGaugesExist() {
        assertThat(meters.outbox(false)).isEqualTo(new MigrationActivity.OutboxBacklog(false, 0, 0.0));
        assertThat(meters.outbox(true)).isEqualTo(new MigrationActivity.OutboxBacklog(true, 0, 0.0));

        Gauge.builder(ActivityMeters.OUTBOX_PENDING, () -> 3).register(registry);
        Gauge.builder(ActivityMeters.OUTBOX_OLDEST_AGE, () -> 2.5).register(registry);
        assertThat(meters.outbox(true)).isEqualTo(new MigrationActivity.OutboxBacklog(true, 3, 2.5));
    }

    private void count(String name, int times, String... tags) {
        registry.counter(name, tags).increment(times);
    }
}
