package dev.stranglerbookshop.auth.accounts;

import dev.stranglerbookshop.auth.store.Account;
import dev.stranglerbookshop.auth.store.AccountRows;
import dev.stranglerbookshop.proto.auth.v1.AuthService;
import dev.stranglerbookshop.proto.auth.v1.GetUserRequest;
import dev.stranglerbookshop.proto.auth.v1.Role;
import dev.stranglerbookshop.proto.auth.v1.User;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class AuthGrpcServiceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @GrpcClient("auth")
    AuthService auth;

    @Inject
    DataSource database;

    @Test
    void getUserReadsTheAccountThroughFlywaysSchema() {
        UUID id = UUID.randomUUID();
        new AccountRows(database, "legacy").insert(new Account(id, "ada-" + id + "@example.org", "Ada",
                "not-a-real-hash", "admin", java.time.Instant.now()));

        User user = auth.getUser(GetUserRequest.newBuilder().setUserId(id.toString()).build())
                .await().atMost(DEADLINE);

        assertThat(user.getId()).isEqualTo(id.toString());
        assertThat(user.getEmail()).isEqualTo("ada-" + id + "@example.org");
        assertThat(user.getDisplayName()).isEqualTo("Ada");
        assertThat(user.getRolesList()).containsExactly(Role.ROLE_ADMIN);
    }

    @Test
    void unknownUserIsNotFound() {
        assertStatus(UUID.randomUUID().toString(), Status.Code.NOT_FOUND);
    }

    @Test
    void malformedIdIsInvalidArgument() {
        assertStatus("not-a-uuid", Status.Code.INVALID_ARGUMENT);
    }

    private void assertStatus(String userId, Status.Code expected) {
        assertThatThrownBy(() -> auth.getUser(GetUserRequest.newBuilder().setUserId(userId).build())
                .await().atMost(DEADLINE))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(expected));
    }
}
