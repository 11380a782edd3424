package dev.stranglerbookshop.infra.stack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How the local stack runs one packaged service: its module, ports, database and environment. */
public record ServiceSpec(String name, String module, String portPrefix, String database, boolean usesKafka) {

    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("monolith", "monolith", "MONOLITH", "monolith", false),
            new ServiceSpec("auth-service", "auth-service", "AUTH", "auth", false),
            new ServiceSpec("notification-service", "notification-service", "NOTIFICATION", "notifications", true),
            new ServiceSpec("search-service", "search-service", "SEARCH", "search", false));

    /** Small heaps and the serial GC: four JVMs share two cores and a laptop's memory. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    public static ServiceSpec named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
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
        env.put("QUARKUS_DATASOURCE_USERNAME", database);
        env.put("QUARKUS_DATASOURCE_PASSWORD", database);
        env.put("BOOKSHOP_TRACING_EXPORTER", "zipkin");
        env.put("BOOKSHOP_TRACING_ZIPKIN_ENDPOINT", "http://127.0.0.1:" + settings.port("ZIPKIN_PORT") + "/api/v2/spans");
        if (usesKafka) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        }
        if (name.equals("monolith")) {
            env.putAll(monolithDemoSettings(settings));
        }
        if (name.equals("auth-service")) {
            env.put("BOOKSHOP_AUTH_SIGNING_KEY_GENERATE", "true"); // demo only: a throw-away signing key
        }
        return env;
    }
}
