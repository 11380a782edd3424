package dev.stranglerbookshop.acceptance;

import dev.stranglerbookshop.infra.Ports;
import dev.stranglerbookshop.topology.Capability;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Failure drill for a <em>hung</em> auth-service, the failure a stopped process does not show: a server that accepts
 * the connection and never answers. A second monolith, on the same database, calls such a server for auth. Measured
 * from the moment the service hangs: each call waits out its deadline (2 s) and answers 503 with {@code Retry-After};
 * after the breaker's request volume (4 calls, half of them failed) it opens and the next call is refused at once;
 * after its delay (2 s) one trial call goes through (and waits out the deadline again), then it is open again. On a
 * canary every login and registration falls back to the module with no client error (counted). Under the service
 * route a registration is refused with 503 and leaves no account behind. Runs once, in the stage-1 run.
 */
@Acceptance
class AuthHungIT {

    /** bookshop.migration.calls.auth.* in the monolith's application.properties. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final Duration BREAKER_DELAY = Duration.ofSeconds(2);
    private static final int REQUEST_VOLUME = 4;

    @Test
    void deadlineThenOpenBreakerThenOneTrialAndTheCanaryFallsBack() throws Exception {
        SystemUnderTest.Running system = SystemUnderTest.current();
        assumeTrue(system.monolith() != null && SystemUnderTest.stage() == Capability.AUTH.extractedAt()
                        && "service".equals(Api.route("auth")),
                "runs once: in the stage-1 run with auth=service, beside the suite's own monolith");
        try (HungServer hung = new HungServer()) {
            int httpPort = Ports.free();
            ManagedService twin = system.service("monolith").orElseThrow().twin("monolith-hung-auth", Map.of(
                    "QUARKUS_HTTP_PORT", String.valueOf(httpPort),
                    "QUARKUS_GRPC_SERVER_PORT", String.valueOf(Ports.free()),
                    "QUARKUS_GRPC_CLIENTS_AUTH_PORT", String.valueOf(hung.port())),
                    URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"));
            String other = "http://127.0.0.1:" + httpPort;
            String refusedEmail = Api.uniqueEmail("not-created");
            try {
                twin.start().awaitReady(Duration.ofSeconds(120));
                String email = Api.newCustomer("hung").email(); // through the suite's monolith and the real service

                // Service route: the deadline, then the breaker.
                List<Long> waited = new java.util.ArrayList<>();
                for (int i = 0; i < REQUEST_VOLUME; i++) {
                    Timed call = Timed.of(() -> login(other, email));
                    waited.add(call.millis());
                    assertUnavailable(call.response());
                    assertThat(call.millis()).as("call %d waits out the deadline", i)
                            .isBetween(DEADLINE.toMillis() - 100, DEADLINE.toMillis() + 2_000);
                }
                Timed open = Timed.of(() -> login(other, email));
                assertUnavailable(open.response());
                assertThat(open.millis()).as("the open breaker refuses at once").isLessThan(500);
                Thread.sleep(BREAKER_DELAY.toMillis() + 500);
                Timed trial = Timed.of(() -> login(other, email));
                assertUnavailable(trial.response());
                assertThat(trial.millis()).as("half-open: one trial call waits out the deadline")
                        .isGreaterThanOrEqualTo(DEADLINE.toMillis() - 100);
                Timed reopened = Timed.of(() -> login(other, email));
                assertThat(reopened.millis()).as("the failed trial opens it again").isLessThan(500);
                assertUnavailable(register(other, refusedEmail));
                System.out.printf("auth-service hung: 503 after %s ms (deadline %d ms), then 503 in %d ms (open); "
                        + "trial %d ms later: %d ms; then %d ms%n", waited, DEADLINE.toMillis(), open.millis(),
                        BREAKER_DELAY.toMillis() + 500, trial.millis(), reopened.millis());

                // Canary: every caller to the service, every call falls back to the module.
                Api.route("auth", "canary:100");
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin(other).get("/api/admin/migration")
                        .then().body("routes.auth", equalTo("canary:100")));
                RequestSpecification metrics = given().baseUri(other);
                double fallbacks = Api.metric(metrics, "strangler_fallback_total", "capability=\"auth\"");
                login(other, email).then().statusCode(200);
                String fallbackEmail = Api.uniqueEmail("fallback");
                register(other, fallbackEmail).then().statusCode(201);
                assertThat(Api.metric(given().baseUri(other), "strangler_fallback_total", "capability=\"auth\""))
                        .as("both calls fell back").isEqualTo(fallbacks + 2);
            } finally {
                Api.route("auth", "service");
                twin.stop();
            }
            // Refused under the service route: no account, wherever one would look.
            given().contentType(ContentType.JSON).body(Map.of("email", refusedEmail, "password", Api.PASSWORD))
                    .post("/api/auth/login").then().statusCode(401);
            assertThat(hung.connections()).as("the monolith did reach the hung server").isPositive();
        }
    }

    private static void assertUnavailable(Response response) {
        response.then().statusCode(503).contentType("application/problem+json");
        assertThat(response.header("Retry-After")).isNotBlank();
    }

    private static Response login(String baseUri, String email) {
        return given().baseUri(baseUri).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Api.PASSWORD)).post("/api/auth/login");
    }

    private static Response register(String baseUri, String email) {
        return given().baseUri(baseUri).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Api.PASSWORD, "displayName", "Hung")).post("/api/auth/register");
    }

    private static RequestSpecification admin(String baseUri) {
        return given().baseUri(baseUri).auth().oauth2(Api.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD));
    }

    private record Timed(Response response, long millis) {
        static Timed of(java.util.function.Supplier<Response> call) {
            long started = System.nanoTime();
            Response response = call.get();
            return new Timed(response, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Accepts connections, reads whatever comes and never writes a byte: a process stuck, not a process gone. */
    private static final class HungServer implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::accept, "hung-auth-service");

        HungServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return sockets.size();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    sockets.add(socket);
                    Thread reader = new Thread(() -> drain(socket), "hung-auth-service-connection");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static void drain(Socket socket) {
            try (InputStream in = socket.getInputStream()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException closed) {
                // the client went away
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
