package dev.stranglerbookshop.monolith.accounts.internal;

import com.google.protobuf.Timestamp;
import dev.stranglerbookshop.monolith.Shop;
import dev.stranglerbookshop.monolith.migration.StranglerRouter;
import dev.stranglerbookshop.proto.auth.v1.Role;
import dev.stranglerbookshop.proto.auth.v1.User;
import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.Route;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A canary registration that auth-service commits after the monolith's deadline: the seam falls back to the module,
 * which answers it as the original registration (201, the same account, announced once) instead of 409, while a
 * genuine duplicate or somebody else's password still gets 409 and no welcome. The real seam, a real gRPC server
 * standing in for auth-service, and the real database, where the stand-in commits the account as auth-service would.
 */
@QuarkusTest
@TestProfile(LateRegistrationTest.CanaryAtStageOne.class)
class LateRegistrationTest {

    private static final Duration DEADLINE = Duration.ofMillis(500);

    public static class CanaryAtStageOne implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bookshop.stage", "1",
                    "bookshop.migration.routes.auth", "monolith",
                    "bookshop.migration.routes.notifications", "monolith",
                    "bookshop.migration.calls.auth.deadline", "PT" + DEADLINE.toMillis() / 1000.0 + "S",
                    "bookshop.migration.calls.auth.breaker.request-volume", "1000");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LateCommittingAuthService.class));
        }
    }

    @Inject
    StranglerRouter router;

    @Inject
    DataSource database;

    @Inject
    PasswordHasher hasher;

    @Inject
    RegistrationsHeard announced;

    @Inject
    MeterRegistry meters;

    @BeforeEach
    void everyRegistrationGoesToAuthService() {
        router.change(Map.of(Capability.AUTH, Route.canary(100)), "test");
    }

    @AfterEach
    void backToTheMonolith() {
        router.change(Map.of(Capability.AUTH, Route.MONOLITH), "test");
    }

    @Test
    void aRegistrationCommittedAfterTheDeadlineIsAnsweredAsTheOriginalAndWelcomedOnce() {
        String email = Shop.uniqueEmail("late");
        UUID id = UUID.randomUUID();
        LateCommittingAuthService.script(request -> commit(id, request.getEmail(), request.getPassword(),
                request.getDisplayName()), DEADLINE.multipliedBy(3));

        double fallbacksBefore = fallbacks();
        Response answer = register(email, Shop.PASSWORD, "Late Reader");

        answer.then().statusCode(201).contentType(ContentType.JSON)
                .body("id", equalTo(id.toString())).body("email", equalTo(email))
                .body("displayName", equalTo("Late Reader")).body("role", equalTo("customer"));
        assertThat(announced.of(id)).isEqualTo(1);
        assertThat(fallbacks()).as("answered by the module after the deadline").isEqualTo(fallbacksBefore + 1);

        LateCommittingAuthService.script(request -> {
            throw Status.ALREADY_EXISTS.withDescription("An account with this email already exists.")
                    .asRuntimeException();
        }, DEADLINE.multipliedBy(3));
        register(email, Shop.PASSWORD, "Late Reader").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bookshop:problem:duplicate-email"));
        assertThat(announced.of(id)).as("a later duplicate is not welcomed again").isEqualTo(1);
    }

    @Test
    void anAccountSomebodyElseRegisteredMomentsAgoIsStillADuplicate() {
        String email = Shop.uniqueEmail("taken");
        UUID id = UUID.randomUUID();
        LateCommittingAuthService.script(request -> commit(id, request.getEmail(), "somebody else's password",
                request.getDisplayName()), DEADLINE.multipliedBy(3));

        register(email, Shop.PASSWORD, "Taken").then().statusCode(409)
                .body("type", equalTo("urn:bookshop:problem:duplicate-email"));
        assertThat(announced.of(id)).isZero();
    }

    private double fallbacks() {
        var counter = meters.find("strangler.fallback").tags("capability", "auth", "operation", "register").counter();
        return counter == null ? 0 : counter.count();
    }

    private static Response register(String email, String password, String displayName) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "displayName", displayName))
                .post("/api/auth/register");
    }

    /** What auth-service does on a registration: the account, committed, before the answer. */
    private User commit(UUID id, String email, String password, String displayName) {
        Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO accounts.accounts "
                        + "(id, email, display_name, password_hash, role, created_at) VALUES (?, ?, ?, ?, 'customer', ?)")) {
            insert.setObject(1, id);
            insert.setString(2, email.toLowerCase());
            insert.setString(3, displayName);
            insert.setString(4, hasher.hash(password));
            insert.setObject(5, java.sql.Timestamp.from(created));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return User.newBuilder().setId(id.toString()).setEmail(email.toLowerCase()).setDisplayName(displayName)
                .addRoles(Role.ROLE_CUSTOMER)
                .setCreatedAt(Timestamp.newBuilder().setSeconds(created.getEpochSecond()).setNanos(created.getNano()))
                .build();
    }
}
