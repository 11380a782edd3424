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
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The strangler router: for each capability and caller, one {@link Decision}. Routes start at the stage plan's
 * defaults (overridden by {@code bookshop.migration.routes.*}) and change at run time through the admin API; they
 * are OpenFeature flags evaluated in-process by the flagd provider from a flags file, a canary being flagd's
 * fractional split on the caller's key. Every decision is counted ({@code strangler_route_total{capability,side}}).
 */
@ApplicationScoped
public class StranglerRouter {

    private static final Logger LOG = Logger.getLogger(StranglerRouter.class);
    private static final String DOMAIN = "strangler-router";

    private final Stage stage;
    private final MeterRegistry meters;
    private final Path flagsFile;
    private final boolean temporaryFile;
    private final Map<Capability, Counter[]> counters = new EnumMap<>(Capability.class);
    private volatile Map<Capability, Route> routes;
    private final Client flags;

    StranglerRouter(MigrationStage stage, MeterRegistry meters, MigrationSettings settings) {
        this.stage = stage.current();
        this.meters = meters;
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
                        capability.key(), StranglerMetrics.SIDE, side.name().toLowerCase(Locale.ROOT));
            }
            counters.put(capability, sides);
        }
        this.routes = Map.copyOf(initial);
        this.temporaryFile = settings.flagsFile().isEmpty();
        try {
            this.flagsFile = settings.flagsFile().orElse(Files.createTempFile("bookshop-routes-", ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        publish(routes);
        this.flags = OpenFeatureAPI.getInstance().getClient(DOMAIN);
        LOG.infof("Strangler routes at stage %d: %s (flags file %s)", this.stage.number(), routes, flagsFile);
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
     * Changes routes at run time, all or none: when one is refused, none changes.
     *
     * @throws ProblemException 409 {@code capability-not-extracted} when a route would leave the monolith before the
     *                          capability's service runs at this stage
     */
    public synchronized void change(Map<Capability, Route> changes) {
        changes.forEach((capability, route) -> refuseBeforeExtraction(capability, route, null));
        Map<Capability, Route> next = new EnumMap<>(routes);
        next.putAll(changes);
        publish(next);
        routes = Map.copyOf(next);
        LOG.infof("Routes changed: %s (now %s)", changes, routes);
    }

    /** How many calls this process sent to a side. */
    public long decisions(Capability capability, Side side) {
        return (long) counters.get(capability)[side.ordinal()].count();
    }

    private void refuseBeforeExtraction(Capability capability, Route route, String property) {
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
