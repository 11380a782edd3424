package dev.stranglerbookshop.infra.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the local stack (and the acceptance suite) runs one packaged service at a stage: its module, ports, database,
 * role and environment.
 */
public record ServiceSpec(String name, String module, String portPrefix, String database, int kafkaFromStage,
        int neededFromStage) {

    /** Never connects to Kafka. */
    static final int NO_KAFKA = Integer.MAX_VALUE;

    public static final List<ServiceSpec> ALL = List.of(
            // The monolith publishes events (outbox relay) from stage 2.
            new ServiceSpec("monolith", "monolith", "MONOLITH", "monolith", 2, 0),
            new ServiceSpec("auth-service", "auth-service", "AUTH", "auth", NO_KAFKA, 1),
            new ServiceSpec("notification-service", "notification-service", "NOTIFICATION", "notifications", 0, 2),
            new ServiceSpec("search-service", "search-service", "SEARCH", "search", NO_KAFKA, 3));

    /** auth-service's role on the monolith's database at stages 1-3: the accounts schema and nothing else. */
    public static final String AUTH_SERVICE_ROLE = "auth_service";

    /** Small heaps and the serial GC: four JVMs share two cores and a laptop's memory. */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    public static ServiceSpec named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
    }

    /** The database the service works on at a stage: auth-service uses the monolith's until stage 4. */
    public String databaseAt(int stage) {
        return name.equals("auth-service") && stage >= 1 && stage <= 3 ? "monolith" : database;
    }

    /** The role it logs in with (the password is the role name: local stack and tests only). */
    public String roleAt(int stage) {
        return name.equals("auth-service") && stage >= 1 && stage <= 3 ? AUTH_SERVICE_ROLE : database;
    }

    public String httpPortKey() {
        return portPrefix + "_HTTP_PORT";
    }

    public Path jar(Path root) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Whether the stack runs this service at a stage (docker-compose.yml: the stage's profile). */
    public boolean runsAt(int stage) {
        return neededFromStage <= stage;
    }

    /** Whether the stack needs Kafka at a stage: some service it runs publishes or consumes events. */
    public static boolean kafkaNeededAt(int stage) {
        return ALL.stream().anyMatch(s -> s.runsAt(stage) && s.kafkaFromStage <= stage);
    }

    public String url(StackSettings settings) {
        return "http://127.0.0.1:" + settings.port(httpPortKey()) + "/";
    }

    public List<String> command(String java, Path root) {
        List<String> command = new java.util.ArrayList<>();
        command.add(java);
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar(root).toString());
        return command;
    }

    /** The administrator the local stack and the acceptance suite log in as. DEV ONLY: never use these elsewhere. */
    public static final String DEV_ADMIN_EMAIL = "admin@bookshop.local";
    public static final String DEV_ADMIN_PASSWORD = "dev-only-admin-password";

    /** A demo, not production: seeded catalog, throw-away signing key, well-known admin. */
    private static final Map<String, String> MONOLITH_DEMO_SETTINGS = Map.of(
            "BOOKSHOP_CATALOG_SEED", "true",
            "BOOKSHOP_AUTH_SIGNING_KEY_GENERATE", "true",
            "BOOKSHOP_AUTH_ADMIN_EMAIL", DEV_ADMIN_EMAIL,
            "BOOKSHOP_AUTH_ADMIN_PASSWORD", DEV_ADMIN_PASSWORD,
            // Every demo client comes from one address (loopback, or the container network's gateway):
            // per-address throttling would only get in the way here (per-account throttling stays on).
            "BOOKSHOP_AUTH_THROTTLE_ADDRESS_ATTEMPTS", "100000");

    /**
     * The service's environment at a stage. The wiring is the same at every stage (every address is set even when
     * that part is not used yet): the stage alone decides what is used, so a stage changes one variable. Routes
     * ({@code capability -> route}) override the stage's default routes in the monolith.
     */
    public Map<String, String> environment(int stage, Map<String, String> routes, Wiring wiring) {
        Map<String, String> env = new TreeMap<>();
        env.put("STAGE", String.valueOf(stage));
        env.put("QUARKUS_HTTP_HOST", wiring.bindHost());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(wiring.httpPort(this)));
        env.put("QUARKUS_GRPC_SERVER_HOST", wiring.bindHost());
        env.put("QUARKUS_GRPC_SERVER_PORT", String.valueOf(wiring.grpcPort(this)));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", wiring.jdbcUrl(databaseAt(stage)));
        String role = roleAt(stage);
        env.put("QUARKUS_DATASOURCE_USERNAME", role);
        env.put("QUARKUS_DATASOURCE_PASSWORD", role);
        env.putAll(wiring.traceExport());
        if (kafkaFromStage != NO_KAFKA) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", wiring.kafkaBootstrap());
        }
        switch (name) {
            case "monolith" -> {
                env.putAll(MONOLITH_DEMO_SETTINGS);
                mailer(env, wiring);
                ServiceSpec auth = named("auth-service");
                env.put("QUARKUS_GRPC_CLIENTS_AUTH_HOST", wiring.host(auth));
                env.put("QUARKUS_GRPC_CLIENTS_AUTH_PORT", String.valueOf(wiring.grpcPort(auth)));
                env.put("BOOKSHOP_AUTH_TRUSTED_JWKS_URL",
                        "http://" + wiring.host(auth) + ":" + wiring.httpPort(auth) + "/.well-known/jwks.json");
                ServiceSpec notifications = named("notification-service");
                env.put("QUARKUS_GRPC_CLIENTS_INBOX_HOST", wiring.host(notifications));
                env.put("QUARKUS_GRPC_CLIENTS_INBOX_PORT", String.valueOf(wiring.grpcPort(notifications)));
                routes.forEach((capability, route) ->
                        env.put("BOOKSHOP_MIGRATION_ROUTES_" + capability.toUpperCase(Locale.ROOT), route));
            }
            case "auth-service" -> {
                env.put("BOOKSHOP_AUTH_SIGNING_KEY_GENERATE", "true"); // demo only: a throw-away signing key
                env.put("BOOKSHOP_AUTH_THROTTLE_ADDRESS_ATTEMPTS", "100000"); // every demo client is one address
                // The monolith owns the accounts schema (and migrates it) until stage 4 splits the databases.
                env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", String.valueOf(databaseAt(stage).equals(database)));
            }
            case "notification-service" -> mailer(env, wiring);
            default -> {
            }
        }
        return env;
    }

    private static void mailer(Map<String, String> env, Wiring wiring) {
        env.put("QUARKUS_MAILER_HOST", wiring.smtpHost());
        env.put("QUARKUS_MAILER_PORT", String.valueOf(wiring.smtpPort()));
    }
}
