package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.platform.stage.MigrationStage;
import dev.stranglerbookshop.platform.strangler.ShadowComparisons;
import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.Route;
import dev.stranglerbookshop.topology.Stage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The migration panel's live figures, one snapshot per poll: per capability its route, where this process sent its
 * calls, how the shadow comparisons went, its canary fallbacks, its service's circuit breaker and its last calls; and
 * the outbox's backlog. Every count is this process's since it started (another instance counts its own), so a panel
 * shows rates as differences between polls.
 */
@ApplicationScoped
public class MigrationActivity {

    private final StranglerRouter router;
    private final Stage stage;
    private final ShadowComparisons shadows;
    private final RecentCalls recent;
    private final ActivityMeters meters;

    MigrationActivity(StranglerRouter router, MigrationStage stage, ShadowComparisons shadows, RecentCalls recent,
            MeterRegistry meters) {
        this.router = router;
        this.stage = stage.current();
        this.shadows = shadows;
        this.recent = recent;
        this.meters = new ActivityMeters(meters);
    }

    /** @return the figures now, every capability of {@link Capability} in its declared order, at every stage */
    public Snapshot now() {
        Map<Capability, Route> routes = router.routes();
        Map<String, CapabilityActivity> capabilities = new LinkedHashMap<>();
        for (Capability capability : Capability.values()) {
            capabilities.put(capability.key(), new CapabilityActivity(routes.get(capability).toString(),
                    new SideRequests(router.decisions(capability, Side.MONOLITH),
                            router.decisions(capability, Side.SERVICE), router.decisions(capability, Side.SHADOW)),
                    meters.shadow(capability), shadows.lastMismatches(capability.key()), meters.fallbacks(capability),
                    meters.breaker(capability), recent.newestFirst(capability)));
        }
        return new Snapshot(stage.number(), stage.label(), Instant.now(), capabilities, meters.outbox(stage.events()));
    }

    /**
     * @param stage        the stage this deployment runs (0..4)
     * @param stageName    its label ({@code search-extracted}...)
     * @param at           when these figures were read
     * @param capabilities by capability key ({@code auth}, {@code notifications}, {@code search}), in that order
     * @param outbox       the transactional outbox's backlog
     */
    public record Snapshot(int stage, String stageName, Instant at, Map<String, CapabilityActivity> capabilities,
            OutboxBacklog outbox) {
    }

    /**
     * @param route          the route in force: {@code monolith}, {@code shadow}, {@code canary:N}, {@code service}
     * @param requests       the router's decisions for it, by side, since this process started
     * @param shadow         shadow comparisons by outcome since this process started, all operations
     * @param lastMismatches the last {@value ShadowComparisons#KEPT_MISMATCHES} shadow mismatches, newest first
     * @param fallbacks      canary calls the module answered because the service could not, since this process
     *                       started, all operations
     * @param breaker        the circuit breaker of the calls to its service: {@code closed}, {@code half_open},
     *                       {@code open}, or {@code none} when this process has no client for the service (not
     *                       extracted at this stage, or not called since this process started)
     * @param recentCalls    the last {@value RecentCalls#KEPT} strangled calls, newest first
     */
    public record CapabilityActivity(String route, SideRequests requests, ShadowOutcomes shadow,
            List<ShadowComparisons.Mismatch> lastMismatches, long fallbacks,
            @Schema(enumeration = {"closed", "half_open", "open", "none"}) String breaker,
            List<RecentCalls.RecentCall> recentCalls) {
    }

    /** Calls the router sent to each side since this process started. */
    public record SideRequests(long monolith, long service, long shadow) {
    }

    /** Shadow comparisons by outcome since this process started: answers equal, different, or one side failed. */
    public record ShadowOutcomes(long match, long mismatch, long error) {
    }

    /**
     * The outbox relay's backlog, measured once a second by the relay.
     *
     * @param enabled                 whether events flow at this stage (from stage 2); false: both figures are 0
     * @param pending                 events written but not yet acknowledged by Kafka
     * @param oldestPendingAgeSeconds age of the oldest of them in seconds (millisecond precision), 0 when none
     */
    public record OutboxBacklog(boolean enabled, long pending,
            @Schema(description = "seconds") double oldestPendingAgeSeconds) {
    }
}
