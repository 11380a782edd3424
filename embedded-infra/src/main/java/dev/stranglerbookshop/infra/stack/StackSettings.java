package dev.stranglerbookshop.infra.stack;

import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.Route;
import dev.stranglerbookshop.topology.ServiceSpec;
import dev.stranglerbookshop.topology.StagePlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the local stack runs with: ports from {@code deploy/ports.env}, the stage and its routes from
 * {@code deploy/stages/stage-N.env} (the files docker-compose.yml takes too; the environment overrides any value), and
 * where data lives.
 */
public record StackSettings(Path root, Map<String, Integer> ports, int stage, Map<String, String> routes,
        boolean keepData, boolean exitWhenReady) {

    static final String USAGE = """
            Usage: ./run-local.sh [--rebuild] [--stage N] [--keep-data] [--exit-when-ready]
              --rebuild          rebuild the services before starting (otherwise built only when missing)
              --stage N          migration stage to run, as in deploy/stages/stage-N.env:
            %s
              --keep-data        keep PostgreSQL and Kafka data in .local-stack/data for the next start
              --exit-when-ready  start everything, report readiness times and memory, then stop (a smoke check)
            Ports come from deploy/ports.env, routes from the stage file; override any of them from the
            environment, e.g. ROUTE_NOTIFICATIONS=shadow ./run-local.sh --stage 2""".formatted(
            // The stage plan's stages, so a new one is listed without touching this text.
            dev.stranglerbookshop.topology.StagePlan.STAGES.stream()
                    .map(stage -> "                   " + stage.number() + " = " + stage.label())
                    .collect(java.util.stream.Collectors.joining("\n")));

    public static StackSettings parse(Path root, String[] args, Map<String, String> environment) {
        int stage = Integer.parseInt(environment.getOrDefault("STAGE", "0"));
        boolean keepData = false;
        boolean exitWhenReady = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--stage" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--stage needs a number\n" + USAGE);
                    }
                    stage = parseStage(args[++i]);
                }
                case "--keep-data" -> keepData = true;
                case "--exit-when-ready" -> exitWhenReady = true;
                case "--help" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "\n" + USAGE);
            }
        }
        try {
            StagePlan.stage(stage);
        } catch (IllegalArgumentException notBuilt) {
            throw new IllegalArgumentException(notBuilt.getMessage() + " (see README, 'Stages').");
        }
        if (!availableStages(root).contains(stage)) {
            throw new IllegalStateException(stageFile(root, stage) + " is missing: every stage of the plan has one");
        }
        Map<String, String> stageFile = readEnvFile(stageFile(root, stage));
        if (!String.valueOf(stage).equals(stageFile.get("STAGE"))) {
            throw new IllegalStateException(stageFile(root, stage) + " must set STAGE=" + stage);
        }
        return new StackSettings(root, ports(root.resolve("deploy/ports.env"), environment), stage,
                routes(stageFile, environment), keepData, exitWhenReady);
    }

    public static Path stageFile(Path root, int stage) {
        return root.resolve("deploy/stages/stage-" + stage + ".env");
    }

    /** The stages this build can run: one file each in deploy/stages (later stages join as their steps land). */
    public static List<Integer> availableStages(Path root) {
        try (var files = Files.list(root.resolve("deploy/stages"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("stage-\\d\\.env"))
                    .map(n -> Integer.parseInt(n.substring(6, 7))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list deploy/stages (run from the repository root)", e);
        }
    }

    /** Route overrides: ROUTE_<CAPABILITY> from the environment, else from the stage file; blank means the default. */
    public static Map<String, String> routes(Map<String, String> stageFile, Map<String, String> environment) {
        Map<String, String> routes = new LinkedHashMap<>();
        for (Capability capability : Capability.values()) {
            String key = routeVariable(capability);
            String route = environment.getOrDefault(key, stageFile.getOrDefault(key, "")).strip();
            if (!route.isEmpty()) {
                // The monolith would refuse it too, but only after the whole stack waited for it to get ready.
                try {
                    Route.parse(route);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(key + "=" + route + " is not a route: " + e.getMessage()
                            + " (or leave it blank)");
                }
                routes.put(capability.key(), route);
            }
        }
        return routes;
    }

    /** The stage file's and the environment's variable for a capability's route: {@code ROUTE_AUTH}, ... */
    public static String routeVariable(Capability capability) {
        return "ROUTE_" + capability.key().toUpperCase(java.util.Locale.ROOT);
    }

    /** Where a service answers HTTP on this machine. */
    public String url(ServiceSpec service) {
        return "http://127.0.0.1:" + port(service.httpPortKey()) + "/";
    }

    public int port(String name) {
        Integer port = ports.get(name);
        if (port == null) {
            throw new IllegalStateException(name + " is missing from deploy/ports.env");
        }
        return port;
    }

    public Path stackDirectory() {
        return root.resolve(".local-stack");
    }

    static Map<String, Integer> ports(Path file, Map<String, String> environment) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        readEnvFile(file).forEach((name, value) -> {
            String chosen = environment.getOrDefault(name, value);
            try {
                int port = Integer.parseInt(chosen.trim());
                if (port < 1 || port > 65_535) {
                    throw new NumberFormatException();
                }
                ports.put(name, port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + "=" + chosen + " is not a port (1-65535)");
            }
        });
        return ports;
    }

    /** KEY=VALUE lines; blank lines and # comments ignored. */
    public static Map<String, String> readEnvFile(Path file) {
        try {
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(file + ": not KEY=VALUE: " + line);
                }
                values.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " (run from the repository root)", e);
        }
    }

    private static int parseStage(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--stage takes a number " + StagePlan.numbers() + ", not '" + value + "'");
        }
    }
}
