package dev.stranglerbookshop.monolith.migration;

import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.stranglerbookshop.platform.problem.ProblemException;
import dev.stranglerbookshop.platform.stage.MigrationStage;
import dev.stranglerbookshop.platform.strangler.StranglerMetrics;
import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.Route;
import dev.stranglerbookshop.topology.Stage;
import io.micrometer.core.instrument.Counter;
import dev.stranglerbookshop.platform.telemetry.Untraced;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Scope;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The strangler router: for each capability and caller, one {@link Decision}. Routes start at the stage plan's
 * defaults (overridden by {@code bookshop.migration.routes.*}) and change at run time through the admin API; the
 * changes are kept in the database ({@link RouteStore}), so every instance follows them within
 * {@code bookshop.migration.route-sync-interval} (1 s) and a restart keeps them. In each instance they are OpenFeature
 * flags evaluated in-process by the flagd provider from a flags file, a canary being flagd's fractional split on the
 * caller's key. Every decision is counted ({@code strangler_route_total{capability,side}}).
 */
@ApplicationScoped
public class StranglerRouter {

    private static final Logger LOG = Logger.getLogger(StranglerRouter.class);
    private static final String DOMAIN = "strangler-router";

    private final Stage stage;
    private final RouteStore store;
    private final Map<Capability, Route> configured;
    private final ThrottledWarnings warnings = new ThrottledWarnings(LOG::warn, Duration.ofMinutes(1), System::nanoTime);
    private final Path flagsFile;
    private final boolean temporaryFile;
    private final Map<Capability, Counter[]> counters = new EnumMap<>(Capability.class);
    private volatile Map<Capability, Route> routes;
    private final Client flags;

    StranglerRouter(MigrationStage stage, MeterRegistry meters, MigrationSettings settings, RouteStore store) {
        this.stage = stage.current();
        this.store = store;
        Map<Capability, Route> initial = new EnumMap<>(this.stage.defaultRoutes());
        for (Capability capability : Capability.values()) {
            settings.routes().of(capability).ifPresent(text -> {
                String property = "bookshop.migration.routes." + capability.key();
                Route route;
                try {
                    route = Route.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(property + ": " + e.getMessage(), e);
                }
                refuseBeforeExtraction(capability, route, property);
                initial.put(capability, route);
            });
            Counter[] sides = new Counter[Side.values().length];
            for (Side side : Side.values()) {
                sides[side.ordinal()] = meters.counter(StranglerMetrics.ROUTE, StranglerMetrics.CAPABILITY,
                        capability.key(), StranglerMetrics.SIDE, side.key());
            }
            counters.put(capability, sides);
        }
        this.configured = Map.copyOf(initial);
        this.routes = stored(configured);
        this.temporaryFile = settings.flagsFile().isEmpty();
        try {
            this.flagsFile = settings.flagsFile().orElse(Files.createTempFile("bookshop-routes-", ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        publish(routes);
        this.flags = OpenFeatureAPI.getInstance().getClient(DOMAIN);
        LOG.infof("Strangler routes at stage %d: %s (configured %s; flags file %s)", this.stage.number(), routes,
                configured, flagsFile);
    }

    /** The routes in force from the database; the configured ones while it cannot be read (then the sync catches up). */
    private Map<Capability, Route> stored(Map<Capability, Route> fallback) {
        try {
            return RouteStore.inForce(store.load(), configured, stage.number());
        } catch (RuntimeException e) {
            warnings.warn("stored-routes", "Cannot read the stored routes (" + e.getMessage() + "); routing by "
                    + fallback + " until they can be read");
            return fallback;
        }
    }

    /**
     * Where this call goes. {@code callerKey} keeps a canary sticky: the same key always lands on the same side.
     * Counted as {@code strangler_route_total{capability,side}}.
     */
    public Decision decide(Capability capability, String callerKey) {
        Route route = routes.get(capability);
        Decision decision = switch (route.mode()) {
            case MONOLITH -> new Decision(capability, Side.MONOLITH, false);
            case SHADOW -> new Decision(capability, Side.SHADOW, false);
            case SERVICE -> new Decision(capability, Side.SERVICE, false);
            // Only a canary depends on the caller: flagd's fractional split hashes the key.
            case CANARY -> "service".equals(flags.getStringValue(FlagsFile.flagKey(capability), "monolith",
                    new ImmutableContext(callerKey)))
                    ? new Decision(capability, Side.SERVICE, true) : new Decision(capability, Side.MONOLITH, false);
        };
        counters.get(capability)[decision.side().ordinal()].increment();
        return decision;
    }

    /** Every capability's current route. */
    public Map<Capability, Route> routes() {
        return new EnumMap<>(routes);
    }

    /**
     * Changes routes at run time for every instance, all or none: when one is refused, none changes. Stored with an
     * audit line each before this returns; this instance applies them at once, the others at their next sync.
     *
     * @param by who asked, for the audit trail (the admin's name)
     * @throws ProblemException 409 {@code capability-not-extracted} when a route would leave the monolith before the
     *                          capability's service runs at this stage; 409 {@code route-not-supported} for a canary of
     *                          a capability that takes none ({@link Capability#canary()})
     */
    public synchronized void change(Map<Capability, Route> changes, String by) {
        changes.forEach((capability, route) -> refuseBeforeExtraction(capability, route, null));
        apply(RouteStore.inForce(store.change(changes, configured, stage.number(), by), configured, stage.number()));
        LOG.infof("Routes changed by %s: %s (now %s)", by, changes, routes);
    }

    /** The audit trail, newest first: at most {@code limit} changes (any instance's). */
    public List<RouteStore.Change> history(int limit) {
        return store.history(limit);
    }

    /** Follows the changes other instances stored. Untraced: a poll every second would flood the trace backend. */
    @Scheduled(identity = "strangler-route-sync", every = "${bookshop.migration.route-sync-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not while shutting down: the database pool closes under a running task (ERROR lines at every stop).
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    synchronized void sync() {
        try (Scope ignored = Untraced.scope()) {
            apply(stored(routes));
        }
    }

    private void apply(Map<Capability, Route> next) {
        if (!next.equals(routes)) {
            publish(next);
            routes = next;
        }
    }

    /** How many calls this process sent to a side. */
    public long decisions(Capability capability, Side side) {
        return (long) counters.get(capability)[side.ordinal()].count();
    }

    private void refuseBeforeExtraction(Capability capability, Route route, String property) {
        if (route.mode() == Route.Mode.CANARY && !capability.canary()) {
            String detail = capability.key() + " takes no canary: " + capability.whyNoCanary() + ".";
            if (property != null) {
                throw new IllegalStateException(property + "=" + route + ": " + detail);
            }
            throw new ProblemException(409, "route-not-supported", "This capability takes no canary", detail);
        }
        if (route.leavesMonolith() && !stage.extracted(capability)) {
            String detail = capability.key() + " has no service before stage " + capability.extractedAt()
                    + "; this deployment runs stage " + stage.number() + ".";
            if (property != null) {
                throw new IllegalStateException(property + "=" + route + ": " + detail);
            }
            throw new ProblemException(409, "capability-not-extracted", "Not extracted at this stage", detail);
        }
    }

    /** Writes the flags file and has the provider load it before returning, so a change applies to the next call. */
    private void publish(Map<Capability, Route> next) {
        try {
            Files.writeString(flagsFile, FlagsFile.write(next), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OpenFeatureAPI.getInstance().setProviderAndWait(DOMAIN, new FlagdProvider(FlagdOptions.builder()
                .resolverType(Config.Resolver.FILE)
                .offlineFlagSourcePath(flagsFile.toString())
                .build()));
    }

    @PreDestroy
    void close() {
        OpenFeatureAPI.getInstance().getProvider(DOMAIN).shutdown();
        if (temporaryFile) {
            try {
                Files.deleteIfExists(flagsFile);
            } catch (IOException e) {
                LOG.debugf("Could not delete %s: %s", flagsFile, e.getMessage());
            }
        }
    }
}
