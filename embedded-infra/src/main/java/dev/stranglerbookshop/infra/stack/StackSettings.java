package dev.stranglerbookshop.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the local stack runs with: ports from {@code deploy/ports.env} (each overridable from the environment), the
 * stage, and where data lives.
 */
public record StackSettings(Path root, Map<String, Integer> ports, int stage, boolean keepData, boolean exitWhenReady) {

    static final String USAGE = """
            Usage: ./run-local.sh [--rebuild] [--stage N] [--keep-data] [--exit-when-ready]
              --rebuild          rebuild the services before starting (otherwise built only when missing)
              --stage N          migration stage to run (0 = modular monolith, 1 = auth extracted,
                                 2 = notifications extracted)
              --keep-data        keep PostgreSQL and Kafka data in .local-stack/data for the next start
              --exit-when-ready  start everything, report readiness times and memory, then stop (a smoke check)
            Ports come from deploy/ports.env; override any of them from the environment.""";

    /** Stages this build can run; later stages join as their migration steps land. */
    static final List<Integer> AVAILABLE_STAGES = List.of(0, 1, 2);

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
        if (!AVAILABLE_STAGES.contains(stage)) {
            throw new IllegalArgumentException("Stage " + stage + " is not available in this build yet; available: "
                    + AVAILABLE_STAGES + " (see README, 'Stages').");
        }
        return new StackSettings(root, ports(root.resolve("deploy/ports.env"), environment), stage, keepData,
                exitWhenReady);
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
            throw new IllegalArgumentException("--stage takes a number 0-4, not '" + value + "'");
        }
    }
}
