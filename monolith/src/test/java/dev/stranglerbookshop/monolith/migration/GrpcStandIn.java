package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.infra.Ports;
import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A stand-in for an extracted service on a real gRPC server (loopback, a free port), and the monolith's client pointed at it. */
public final class GrpcStandIn {

    private final Server server;
    private final String client;

    private GrpcStandIn(Server server, String client) {
        this.server = server;
        this.client = client;
    }

    /** Starts {@code service} for the monolith's gRPC client named {@code client} ({@code quarkus.grpc.clients.<client>}). */
    public static GrpcStandIn start(BindableService service, String client) {
        try {
            return new GrpcStandIn(Grpc.newServerBuilderForPort(Ports.free(), InsecureServerCredentials.create())
                    .addService(service).build().start(), client);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client configuration that reaches this server. */
    public Map<String, String> clientConfig() {
        String port = String.valueOf(server.getPort());
        return Map.of("quarkus.grpc.clients." + client + ".host", "127.0.0.1",
                "quarkus.grpc.clients." + client + ".port", port,
                // In test mode Quarkus points every client at the app's own gRPC server unless test-port says otherwise.
                "quarkus.grpc.clients." + client + ".test-port", port);
    }

    public void stop() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
