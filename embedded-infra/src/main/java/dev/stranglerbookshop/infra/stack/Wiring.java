package dev.stranglerbookshop.infra.stack;

import java.util.Map;

/**
 * Where a service finds the other parts of the system. The same {@link ServiceSpec#environment} is built on either
 * wiring, so the no-Docker stack and the containers set the same variables with their own addresses (a test in
 * {@code deploy/} compares docker-compose.yml with it).
 */
public interface Wiring {

    /** The address a service listens on. */
    String bindHost();

    /** Where another service answers. */
    String host(ServiceSpec service);

    int httpPort(ServiceSpec service);

    int grpcPort(ServiceSpec service);

    String jdbcUrl(String database);

    String kafkaBootstrap();

    String smtpHost();

    int smtpPort();

    /** How spans leave the process (the variables differ with the trace backend). */
    Map<String, String> traceExport();

    /**
     * This machine's loopback with the ports of {@code deploy/ports.env}: the local stack and the acceptance suite
     * (Zipkin's own server as the trace backend, GreenMail as the mail catcher).
     */
    static Wiring loopback(StackSettings settings) {
        return new Wiring() {
            @Override
            public String bindHost() {
                return "127.0.0.1";
            }

            @Override
            public String host(ServiceSpec service) {
                return "127.0.0.1";
            }

            @Override
            public int httpPort(ServiceSpec service) {
                return settings.port(service.portPrefix() + "_HTTP_PORT");
            }

            @Override
            public int grpcPort(ServiceSpec service) {
                return settings.port(service.portPrefix() + "_GRPC_PORT");
            }

            @Override
            public String jdbcUrl(String database) {
                return "jdbc:postgresql://127.0.0.1:" + settings.port("POSTGRES_PORT") + "/" + database;
            }

            @Override
            public String kafkaBootstrap() {
                return "127.0.0.1:" + settings.port("KAFKA_PORT");
            }

            @Override
            public String smtpHost() {
                return "127.0.0.1";
            }

            @Override
            public int smtpPort() {
                return settings.port("SMTP_PORT");
            }

            @Override
            public Map<String, String> traceExport() {
                return Map.of("BOOKSHOP_TRACING_EXPORTER", "zipkin", "BOOKSHOP_TRACING_ZIPKIN_ENDPOINT",
                        "http://127.0.0.1:" + settings.port("ZIPKIN_PORT") + "/api/v2/spans");
            }
        };
    }

    /**
     * A container network (docker-compose.yml, deploy/k8s): each service under its own name on its usual ports
     * ({@code ports} from {@code deploy/ports.env}), the infrastructure as {@code postgres}, {@code kafka},
     * {@code mailpit}, and traces over OTLP to {@code jaeger}.
     */
    static Wiring containers(Map<String, Integer> ports) {
        return new Wiring() {
            @Override
            public String bindHost() {
                return "0.0.0.0";
            }

            @Override
            public String host(ServiceSpec service) {
                return service.name();
            }

            @Override
            public int httpPort(ServiceSpec service) {
                return ports.get(service.portPrefix() + "_HTTP_PORT");
            }

            @Override
            public int grpcPort(ServiceSpec service) {
                return ports.get(service.portPrefix() + "_GRPC_PORT");
            }

            @Override
            public String jdbcUrl(String database) {
                return "jdbc:postgresql://postgres:5432/" + database;
            }

            @Override
            public String kafkaBootstrap() {
                return "kafka:9092";
            }

            @Override
            public String smtpHost() {
                return "mailpit";
            }

            @Override
            public int smtpPort() {
                return 1025;
            }

            @Override
            public Map<String, String> traceExport() {
                return Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4317");
            }
        };
    }
}
