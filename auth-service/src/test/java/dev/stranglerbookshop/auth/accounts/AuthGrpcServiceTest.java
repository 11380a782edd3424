package dev.stranglerbookshop.auth.accounts;

import dev.stranglerbookshop.proto.auth.v1.AuthService;
import dev.stranglerbookshop.proto.auth.v1.GetUserRequest;
import dev.stranglerbookshop.proto.auth.v1.Role;
import dev.stranglerbookshop.proto.auth.v1.User;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class AuthGrpcServiceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @GrpcClient("auth")
    AuthService auth;

    @Test
    void getUserReadsTheAccountThroughFlywaysSchema() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Account account = new Account();
            account.id = id;
            account.email = "ada-" + id + "@example.org";
            account.displayName = "Ada";
            account.passwordHash = "not-a-real-hash";
            account.role = "admin";
            account.createdAt = java.time.Instant.now();
            account.persist();
        });

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
