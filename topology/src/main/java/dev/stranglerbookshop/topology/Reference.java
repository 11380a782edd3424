package dev.stranglerbookshop.topology;

/**
 * Something a service talks to, declared once on its {@link ServiceSpec} (as an application host declares
 * {@code WithReference}): each kind turns into the same variables on every {@link Wiring}.
 */
public sealed interface Reference {

    /** A gRPC client named {@code client} (Quarkus {@code @GrpcClient("client")}) calling {@code service}. */
    record Grpc(String client, ServiceSpec service) implements Reference {
    }

    /** The JSON Web Key Set of {@code service}, to verify the tokens it signs. */
    record Jwks(ServiceSpec service) implements Reference {
    }

    /** The Kafka cluster (publishes, consumes, or both). */
    record Kafka() implements Reference {
    }

    /** The SMTP server. */
    record Smtp() implements Reference {
    }

    /** This service is the strangler facade: it takes route overrides ({@code BOOKSHOP_MIGRATION_ROUTES_*}). */
    record Routes() implements Reference {
    }

    static Reference grpc(String client, ServiceSpec service) {
        return new Grpc(client, service);
    }

    static Reference jwks(ServiceSpec service) {
        return new Jwks(service);
    }

    static Reference kafka() {
        return new Kafka();
    }

    static Reference smtp() {
        return new Smtp();
    }

    static Reference routes() {
        return new Routes();
    }
}
