package dev.stranglerbookshop.topology;

/**
 * Something a service talks to, declared once on its {@link ServiceSpec} (as an application host declares
 * {@code WithReference}): each kind turns into the same variables on every {@link Wiring}.
 */
public sealed interface Reference {

    /**
     * A gRPC client named {@code client} (Quarkus {@code @GrpcClient("client")}) calling the service named
     * {@code serviceName}: by name, so two services may call each other (search-service pages the monolith's catalog,
     * the monolith calls search-service) although their specs are constants that initialise in order.
     */
    record Grpc(String client, String serviceName) implements Reference {

        /** @throws IllegalArgumentException when no service has that name */
        public ServiceSpec service() {
            return ServiceSpec.named(serviceName);
        }
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
        return new Grpc(client, service.name());
    }

    static Reference grpc(String client, String serviceName) {
        return new Grpc(client, serviceName);
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
