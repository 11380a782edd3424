package dev.stranglerbookshop.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One deployable: its name (also its Maven module and container name), its ports' prefix in
 * {@code deploy/ports.env}, the database it owns once it owns one, what it talks to, and its demo settings. Where its
 * data lives at a stage is the {@link StagePlan}'s business, not this record's.
 *
 * @param name         the service's name, Maven module and host name on a container network
 * @param portPrefix   {@code <prefix>_HTTP_PORT} and {@code <prefix>_GRPC_PORT} in {@code deploy/ports.env}
 * @param database     the database (and role) it owns when it owns its data
 * @param references   what it calls or connects to
 * @param demoSettings DEV ONLY settings every demo deployment sets (throw-away keys, the well-known admin)
 */
public record ServiceSpec(String name, String portPrefix, String database, List<Reference> references,
        Map<String, String> demoSettings) {

    /** The administrator the local stack and the acceptance suite log in as. DEV ONLY: never use these elsewhere. */
    public static final String DEV_ADMIN_EMAIL = "admin@bookshop.local";
    public static final String DEV_ADMIN_PASSWORD = "dev-only-admin-password";

    /** Small heaps and the serial GC: four JVMs share two cores and a laptop's memory. */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    // Declared before the monolith, which references them (static fields initialise in order).
    // A throw-away signing key; the well-known admin, which it creates once the accounts move (stage 4).
    public static final ServiceSpec AUTH_SERVICE = new ServiceSpec("auth-service", "AUTH", "auth", List.of(),
            Map.of("BOOKSHOP_AUTH_SIGNING_KEY_GENERATE", "true",
                    "BOOKSHOP_AUTH_ADMIN_EMAIL", DEV_ADMIN_EMAIL,
                    "BOOKSHOP_AUTH_ADMIN_PASSWORD", DEV_ADMIN_PASSWORD));
    public static final ServiceSpec NOTIFICATION_SERVICE = new ServiceSpec("notification-service", "NOTIFICATION",
            "notifications", List.of(Reference.kafka(), Reference.smtp()), Map.of());
    // From stage 4 it keeps its own copy of the catalog: catalog events from Kafka, pages of the monolith's catalog.
    public static final ServiceSpec SEARCH_SERVICE = new ServiceSpec("search-service", "SEARCH", "search",
            List.of(Reference.kafka(), Reference.grpc("catalog", "monolith")), Map.of());
    public static final ServiceSpec MONOLITH = new ServiceSpec("monolith", "MONOLITH", "monolith",
            List.of(Reference.routes(), Reference.kafka(), Reference.smtp(),
                    Reference.grpc("auth", AUTH_SERVICE), Reference.jwks(AUTH_SERVICE),
                    Reference.grpc("inbox", NOTIFICATION_SERVICE),
                    Reference.grpc("search", SEARCH_SERVICE)),
            // A demo, not production: seeded catalog, throw-away signing key, well-known admin. Login throttling keeps
            // its production limits (5 failures per account in 5 min, 30 attempts per address a minute): behind
            // Compose every browser shares the network gateway's address, which a person never notices; the
            // acceptance suite, one address firing thousands of logins, raises the second limit for itself.
            Map.of("BOOKSHOP_CATALOG_SEED", "true",
                    "BOOKSHOP_AUTH_SIGNING_KEY_GENERATE", "true",
                    "BOOKSHOP_AUTH_ADMIN_EMAIL", DEV_ADMIN_EMAIL,
                    "BOOKSHOP_AUTH_ADMIN_PASSWORD", DEV_ADMIN_PASSWORD));

    public static final List<ServiceSpec> ALL = List.of(MONOLITH, AUTH_SERVICE, NOTIFICATION_SERVICE, SEARCH_SERVICE);

    public ServiceSpec {
        references = List.copyOf(references);
        demoSettings = Map.copyOf(demoSettings);
    }

    /** @throws IllegalArgumentException when no service has that name */
    public static ServiceSpec named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
    }

    /** The Maven module that builds it. */
    public String module() {
        return name;
    }

    public String httpPortKey() {
        return portPrefix + "_HTTP_PORT";
    }

    public String grpcPortKey() {
        return portPrefix + "_GRPC_PORT";
    }

    /** Whether the stage runs it (docker-compose.yml: the stage's profile; Kubernetes: the overlay's components). */
    public boolean runsAt(int stage) {
        return StagePlan.stage(stage).runs(this);
    }

    /** The packaged service (Quarkus fast-jar) under the repository {@code root}. */
    public Path jar(Path root) {
        return root.resolve(module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The command the local stack and the acceptance suite start it with: the demo's {@link #JVM_OPTIONS}. */
    public List<String> command(String java, Path root) {
        return command(java, root, JVM_OPTIONS);
    }

    /** The same with other JVM options (a benchmark's). */
    public List<String> command(String java, Path root, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar(root).toString());
        return command;
    }

    /**
     * The service's environment at a stage. The wiring is the same at every stage (every address is set even when
     * that part is not used yet): the stage decides what is used, so a stage changes one variable, plus the database
     * access the plan gives the service there. {@code routes} ({@code capability key -> route}) override the stage's
     * default routes on the strangler facade.
     *
     * @throws IllegalArgumentException when the stage is not built
     */
    public Map<String, String> environment(int stage, Map<String, String> routes, Wiring wiring) {
        Map<String, String> env = new TreeMap<>();
        env.put("STAGE", String.valueOf(stage));
        env.put("QUARKUS_HTTP_HOST", wiring.bindHost());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(wiring.httpPort(this)));
        env.put("QUARKUS_GRPC_SERVER_HOST", wiring.bindHost());
        env.put("QUARKUS_GRPC_SERVER_PORT", String.valueOf(wiring.grpcPort(this)));
        DataAccess data = StagePlan.stage(stage).dataAccess(this);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", wiring.jdbcUrl(data.database()));
        env.put("QUARKUS_DATASOURCE_USERNAME", data.role());
        env.put("QUARKUS_DATASOURCE_PASSWORD", data.role());
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", String.valueOf(data.migrates()));
        Stage here = StagePlan.stage(stage);
        here.legacyAccess(this).ifPresent(legacy -> { // the old home of data on the move: a second datasource
            env.put("QUARKUS_DATASOURCE_LEGACY_JDBC_URL", wiring.jdbcUrl(legacy.database()));
            env.put("QUARKUS_DATASOURCE_LEGACY_USERNAME", legacy.role());
            env.put("QUARKUS_DATASOURCE_LEGACY_PASSWORD", legacy.role());
        });
        here.move(this).ifPresent(move -> env.put(move.setting(), move.phase()));
        env.putAll(wiring.traceExport());
        if (equals(MONOLITH)) {
            env.put("BOOKSHOP_WEB_TRACE_LINK", wiring.traceLink()); // the migration panel's links to traces
        }
        for (Reference reference : references) {
            // Java 17: no pattern matching in switch yet.
            if (reference instanceof Reference.Grpc grpc) {
                String client = grpc.client().toUpperCase(Locale.ROOT);
                env.put("QUARKUS_GRPC_CLIENTS_" + client + "_HOST", wiring.host(grpc.service()));
                env.put("QUARKUS_GRPC_CLIENTS_" + client + "_PORT", String.valueOf(wiring.grpcPort(grpc.service())));
            } else if (reference instanceof Reference.Jwks jwks) {
                env.put("BOOKSHOP_AUTH_TRUSTED_JWKS_URL", "http://" + wiring.host(jwks.service()) + ":"
                        + wiring.httpPort(jwks.service()) + "/.well-known/jwks.json");
            } else if (reference instanceof Reference.Kafka) {
                env.put("KAFKA_BOOTSTRAP_SERVERS", wiring.kafkaBootstrap());
            } else if (reference instanceof Reference.Smtp) {
                env.put("QUARKUS_MAILER_HOST", wiring.smtpHost());
                env.put("QUARKUS_MAILER_PORT", String.valueOf(wiring.smtpPort()));
            } else if (reference instanceof Reference.Routes) {
                routes.forEach((capability, route) ->
                        env.put("BOOKSHOP_MIGRATION_ROUTES_" + capability.toUpperCase(Locale.ROOT), route));
            }
        }
        env.putAll(demoSettings);
        return env;
    }
}
