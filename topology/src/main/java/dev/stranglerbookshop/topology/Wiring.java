package dev.stranglerbookshop.topology;

import java.util.Map;
import java.util.function.Function;

/**
 * Where a service finds the other parts of the system. The same {@link ServiceSpec#environment} is built on either
 * wiring, so the no-Docker stack and the containers set the same variables with their own addresses (tests in
 * {@code deploy/} compare docker-compose.yml and the Kubernetes overlays with it).
 *
 * @param bindHost       the address a service listens on
 * @param hosts          where another service answers, by service
 * @param ports          the keys of {@code deploy/ports.env} ({@code MONOLITH_HTTP_PORT}...) with this wiring's values
 * @param postgres       PostgreSQL's {@code host:port}
 * @param kafkaBootstrap Kafka's bootstrap servers
 * @param smtpHost       the mail catcher's host
 * @param smtpPort       and port
 * @param traceExport    how spans leave the process (the variables differ with the trace backend)
 * @param traceLink      where a browser sees one trace in the trace UI, {@code {traceId}} standing for its id (the
 *                       migration panel links each recent call to it)
 */
public record Wiring(String bindHost, Function<ServiceSpec, String> hosts, Map<String, Integer> ports,
        String postgres, String kafkaBootstrap, String smtpHost, int smtpPort, Map<String, String> traceExport,
        String traceLink) {

    /**
     * This machine's loopback with the given ports (the keys of {@code deploy/ports.env}): the local stack and the
     * acceptance suite (Zipkin's own server as the trace backend, GreenMail as the mail catcher).
     */
    public static Wiring loopback(Map<String, Integer> ports) {
        return new Wiring("127.0.0.1", service -> "127.0.0.1", ports, "127.0.0.1:" + port(ports, "POSTGRES_PORT"),
                "127.0.0.1:" + port(ports, "KAFKA_PORT"), "127.0.0.1", port(ports, "SMTP_PORT"),
                Map.of("BOOKSHOP_TRACING_EXPORTER", "zipkin", "BOOKSHOP_TRACING_ZIPKIN_ENDPOINT",
                        "http://127.0.0.1:" + port(ports, "ZIPKIN_PORT") + "/api/v2/spans"),
                "http://127.0.0.1:" + port(ports, "ZIPKIN_PORT") + "/zipkin/traces/{traceId}");
    }

    /**
     * A container network (docker-compose.yml, deploy/k8s): each service under its own name on its usual ports
     * ({@code ports} from {@code deploy/ports.env}), the infrastructure as {@code postgres}, {@code kafka},
     * {@code mailpit}, and traces over OTLP to {@code jaeger}, whose UI the browser reaches on the published
     * {@code localhost:16686}.
     */
    public static Wiring containers(Map<String, Integer> ports) {
        return new Wiring("0.0.0.0", ServiceSpec::name, ports, "postgres:5432", "kafka:9092", "mailpit", 1025,
                Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4317"),
                "http://localhost:16686/trace/{traceId}");
    }

    /** Where another service answers. */
    public String host(ServiceSpec service) {
        return hosts.apply(service);
    }

    public int httpPort(ServiceSpec service) {
        return port(ports, service.httpPortKey());
    }

    public int grpcPort(ServiceSpec service) {
        return port(ports, service.grpcPortKey());
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgres + "/" + database;
    }

    private static int port(Map<String, Integer> ports, String key) {
        Integer port = ports.get(key);
        if (port == null) {
            throw new IllegalStateException(key + " is missing from deploy/ports.env");
        }
        return port;
    }
}
