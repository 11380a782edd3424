package dev.stranglerbookshop.auth.accounts;

import dev.stranglerbookshop.proto.auth.v1.AuthService;
import dev.stranglerbookshop.proto.auth.v1.AuthenticateRequest;
import dev.stranglerbookshop.proto.auth.v1.RegisterRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The login limit under parallel attempts, through gRPC on a real PostgreSQL: each attempt is counted first. */
@QuarkusTest
class LoginThrottleTest {

    private static final Logger LOG = Logger.getLogger(LoginThrottleTest.class);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery";
    private static final int PARALLEL = 20;

    @GrpcClient("auth")
    AuthService auth;

    @Test
    void twentyParallelWrongPasswordsGetAtMostFiveAnswersAndTheRightOneIsThenLockedOut() {
        String email = "parallel-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        auth.register(RegisterRequest.newBuilder().setEmail(email).setPassword(PASSWORD).setDisplayName("Parallel")
                .build()).await().atMost(DEADLINE);

        List<Uni<Status.Code>> attempts = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            attempts.add(outcome(email, "wrong password " + i, "192.0.2." + (100 + i)));
        }
        Map<Status.Code, Long> outcomes = Uni.join().all(attempts).andFailFast().await().atMost(DEADLINE).stream()
                .collect(Collectors.groupingBy(code -> code, Collectors.counting()));
        LOG.infof("%d parallel wrong passwords for one account: %s", PARALLEL, outcomes);

        long answered = outcomes.getOrDefault(Status.Code.UNAUTHENTICATED, 0L);
        assertThat(answered).isBetween(1L, 5L);
        assertThat(outcomes.getOrDefault(Status.Code.RESOURCE_EXHAUSTED, 0L)).isEqualTo(PARALLEL - answered);
        assertThat(outcome(email, PASSWORD, "192.0.2.250").await().atMost(DEADLINE))
                .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }

    @Test
    void parallelLoginsWithTheRightPasswordAreAllServed() {
        String email = "tabs-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        auth.register(RegisterRequest.newBuilder().setEmail(email).setPassword(PASSWORD).setDisplayName("Tabs")
                .build()).await().atMost(DEADLINE);

        List<Uni<Status.Code>> attempts = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            attempts.add(outcome(email, PASSWORD, "192.0.2." + (130 + i)));
        }

        assertThat(Uni.join().all(attempts).andFailFast().await().atMost(DEADLINE)).containsOnly(Status.Code.OK)
                .hasSize(PARALLEL);
    }

    @Test
    void aDryRunLooksAtTheLimitsButCountsNothing() {
        String email = "shadowed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        auth.register(RegisterRequest.newBuilder().setEmail(email).setPassword(PASSWORD).setDisplayName("Shadowed")
                .build()).await().atMost(DEADLINE);

        for (int i = 0; i < 10; i++) {
            assertThat(outcome(email, "wrong password " + i, "192.0.2.30", true).await().atMost(DEADLINE))
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(outcome(email, "wrong password " + i, "192.0.2.31").await().atMost(DEADLINE))
                    .as("the dry runs counted nothing").isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        assertThat(outcome(email, PASSWORD, "192.0.2.32", true).await().atMost(DEADLINE))
                .as("but see the lock").isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }

    private Uni<Status.Code> outcome(String email, String password, String address) {
        return outcome(email, password, address, false);
    }

    private Uni<Status.Code> outcome(String email, String password, String address, boolean validateOnly) {
        return auth.authenticate(AuthenticateRequest.newBuilder().setEmail(email).setPassword(password)
                        .setClientAddress(address).setValidateOnly(validateOnly).build())
                .map(token -> Status.Code.OK)
                .onFailure(StatusRuntimeException.class)
                .recoverWithItem(e -> ((StatusRuntimeException) e).getStatus().getCode());
    }
}
