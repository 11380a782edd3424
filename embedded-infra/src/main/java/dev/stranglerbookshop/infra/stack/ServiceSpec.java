package dev.stranglerbookshop.infra.stack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private static final List<String> JVM_OPTIONS = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

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

    /** A demo, not production: seeded catalog, throw-away signing key, well-known admin, mail to the local catcher. */
    private static Map<String, String> monolithDemoSettings(StackSettings settings) {
        return Map.of(
                "BOOKSHOP_CATALOG_SEED", "true",
                "BOOKSHOP_AUTH_SIGNING_KEY_GENERATE", "true",
                "BOOKSHOP_AUTH_ADMIN_EMAIL", DEV_ADMIN_EMAIL,
                "BOOKSHOP_AUTH_ADMIN_PASSWORD", DEV_ADMIN_PASSWORD,
                // Every demo client comes from 127.0.0.1: per-address throttling would only get in the way here
                // (per-account throttling stays on).
                "BOOKSHOP_AUTH_THROTTLE_ADDRESS_ATTEMPTS", "100000",
                "QUARKUS_MAILER_HOST", "127.0.0.1",
                "QUARKUS_MAILER_PORT", String.valueOf(settings.port("SMTP_PORT")));
    }

    public Map<String, String> environment(StackSettings settings, String jdbcUrl, String kafkaBootstrap) {
        Map<String, String> env = new HashMap<>();
        env.put("STAGE", String.valueOf(settings.stage()));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(settings.port(httpPortKey())));
        env.put("QUARKUS_GRPC_SERVER_HOST", "127.0.0.1");
        env.put("QUARKUS_GRPC_SERVER_PORT", String.valueOf(settings.port(portPrefix + "_GRPC_PORT")));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        String role = roleAt(settings.stage());
        env.put("QUARKUS_DATASOURCE_USERNAME", role);
        env.put("QUARKUS_DATASOURCE_PASSWORD", role);
        env.put("BOOKSHOP_TRACING_EXPORTER", "zipkin");
        env.put("BOOKSHOP_TRACING_ZIPKIN_ENDPOINT", "http://127.0.0.1:" + settings.port("ZIPKIN_PORT") + "/api/v2/spans");
        if (settings.stage() >= kafkaFromStage && kafkaBootstrap != null) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        }
        if (name.equals("monolith")) {
            env.putAll(monolithDemoSettings(settings));
        }
        if (name.equals("auth-service")) {
            env.put("BOOKSHOP_AUTH_SIGNING_KEY_GENERATE", "true"); // demo only: a throw-away signing key
            env.put("BOOKSHOP_AUTH_THROTTLE_ADDRESS_ATTEMPTS", "100000"); // every demo client is 127.0.0.1
            if (!databaseAt(settings.stage()).equals(database)) {
                env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false"); // the monolith owns that schema until stage 4
            }
        }
        if (name.equals("notification-service")) {
            env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            env.put("QUARKUS_MAILER_PORT", String.valueOf(settings.port("SMTP_PORT")));
        }
        if (name.equals("monolith") && settings.stage() >= 2) {
            env.put("QUARKUS_GRPC_CLIENTS_INBOX_HOST", "127.0.0.1");
            env.put("QUARKUS_GRPC_CLIENTS_INBOX_PORT", String.valueOf(settings.port("NOTIFICATION_GRPC_PORT")));
        }
        if (name.equals("monolith") && settings.stage() >= 1) {
            env.put("QUARKUS_GRPC_CLIENTS_AUTH_HOST", "127.0.0.1");
            env.put("QUARKUS_GRPC_CLIENTS_AUTH_PORT", String.valueOf(settings.port("AUTH_GRPC_PORT")));
            env.put("BOOKSHOP_AUTH_TRUSTED_JWKS_URL",
                    "http://127.0.0.1:" + settings.port("AUTH_HTTP_PORT") + "/.well-known/jwks.json");
        }
        return env;
    }
}
