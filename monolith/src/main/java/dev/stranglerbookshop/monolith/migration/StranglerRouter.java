package dev.stranglerbookshop.monolith.migration;

import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.stranglerbookshop.platform.problem.ProblemException;
import dev.stranglerbookshop.platform.stage.MigrationStage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The strangler router: for each capability and caller, which side answers. Routes are OpenFeature flags evaluated
 * in-process by the flagd provider from a flags file: the stage's defaults ({@code flags/stage-N.json}) at start,
 * rewritten when an admin changes a route at run time. Every decision is counted
 * ({@code strangler_route_total{capability,side}}).
 */
@ApplicationScoped
public class StranglerRouter {

    private static final Logger LOG = Logger.getLogger(StranglerRouter.class);
    private static final String DOMAIN = "strangler-router";

    private final MigrationStage stage;
    private final MeterRegistry meters;
    private final Path flagsFile;
    private final boolean temporaryFile;
    private final Map<Capability, Route> routes;
    private final Client flags;

    StranglerRouter(MigrationStage stage, MeterRegistry meters,
            @ConfigProperty(name = "bookshop.migration.flags-file") Optional<String> configuredFile) {
        this.stage = stage;
        this.meters = meters;
        this.routes = FlagsFile.read(stageDefaults(stage.current().number()));
        // A deployment may start a capability elsewhere than its stage's default, e.g. BOOKSHOP_MIGRATION_ROUTES_AUTH=shadow.
        for (Capability capability : Capability.values()) {
            ConfigProvider.getConfig().getOptionalValue("bookshop.migration.routes." + capability.key(), String.class)
                    .map(Route::parse).ifPresent(route -> routes.put(capability, route));
        }
        this.temporaryFile = configuredFile.isEmpty();
        try {
            this.flagsFile = configuredFile.isPresent() ? Path.of(configuredFile.get())
                    : Files.createTempFile("bookshop-routes-", ".json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        publish();
        this.flags = OpenFeatureAPI.getInstance().getClient(DOMAIN);
        LOG.infof("Strangler routes at stage %d: %s (flags file %s)", stage.current().number(), routes, flagsFile);
    }

    /** Where this caller's call to this capability goes; {@code callerKey} keeps a canary sticky per caller. */
    public Side side(Capability capability, String callerKey) {
        Side side = routes.get(capability).leavesMonolith()
                ? switch (flags.getStringValue(capability.flagKey(), "monolith", new ImmutableContext(callerKey))) {
                    case "service" -> Side.SERVICE;
                    case "shadow" -> Side.SHADOW;
                    default -> Side.MONOLITH;
                }
                : Side.MONOLITH;
        counter(capability, side).increment();
        return side;
    }

    public synchronized Map<Capability, Route> routes() {
        return new EnumMap<>(routes);
    }

    /** Changes a route at run time; refused when the capability's service does not exist yet at this stage. */
    public synchronized void change(Capability capability, Route route) {
        if (route.leavesMonolith() && stage.current().number() < capability.extractedAtStage()) {
            throw new ProblemException(409, "capability-not-extracted", "Not extracted at this stage",
                    capability.key() + " has no service before stage " + capability.extractedAtStage()
                            + "; this deployment runs stage " + stage.current().number() + ".");
        }
        routes.put(capability, route);
        publish();
        LOG.infof("Route of %s changed to %s", capability.key(), route);
    }

    public long decisions(Capability capability, Side side) {
        return (long) counter(capability, side).count();
    }

    private Counter counter(Capability capability, Side side) {
        return meters.counter("strangler.route", "capability", capability.key(), "side",
                side.name().toLowerCase());
    }

    /** Writes the flags file and has the provider load it before returning, so a change applies to the next call. */
    private void publish() {
        try {
            Files.writeString(flagsFile, FlagsFile.write(routes), StandardCharsets.UTF_8);
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

    private static String stageDefaults(int stage) {
        String resource = "flags/stage-" + stage + ".json";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: every stage needs its default routes");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
