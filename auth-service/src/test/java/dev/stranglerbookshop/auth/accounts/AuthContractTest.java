package dev.stranglerbookshop.auth.accounts;

import com.google.rpc.RetryInfo;
import dev.stranglerbookshop.proto.auth.v1.AccessToken;
import dev.stranglerbookshop.proto.auth.v1.AuthService;
import dev.stranglerbookshop.proto.auth.v1.AuthenticateRequest;
import dev.stranglerbookshop.proto.auth.v1.ListSigningKeysRequest;
import dev.stranglerbookshop.proto.auth.v1.RegisterRequest;
import dev.stranglerbookshop.proto.auth.v1.Role;
import dev.stranglerbookshop.proto.auth.v1.SigningKey;
import dev.stranglerbookshop.proto.auth.v1.User;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The auth contract end to end through the generated stubs, on a real PostgreSQL. */
@QuarkusTest
class AuthContractTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final String PASSWORD = "correct horse battery";

    @GrpcClient("auth")
    AuthService auth;

    @Test
    void registerThenAuthenticateIssuesATokenTheListedKeyVerifies() throws Exception {
        String email = unique("Reader");
        User user = register(email, false);
        assertThat(user.getEmail()).isEqualTo(email.toLowerCase());
        assertThat(user.getRolesList()).containsExactly(Role.ROLE_CUSTOMER);
        assertThat(user.getCreatedAt().getSeconds()).isPositive();

        AccessToken token = auth.authenticate(login(email, PASSWORD, "192.0.2.1")).await().atMost(DEADLINE);
        SigningKey key = auth.listSigningKeys(ListSigningKeysRequest.getDefaultInstance()).await().atMost(DEADLINE)
                .getKeys(0);

        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(JsonWebKey.Factory.newJwk(key.getJwkJson()).getKey())
                .setExpectedIssuer("strangler-bookshop").setExpectedAudience("bookshop-api")
                .build().processToClaims(token.getAccessToken());
        assertThat(claims.getSubject()).isEqualTo(user.getId());
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("customer");
        assertThat(token.getTokenType()).isEqualTo("Bearer");
        // AuthSettings.tokenLifetime's default, PT10M (README: "10 min, whichever side signs"), and the token agrees.
        assertThat(token.getExpiresInSeconds()).isEqualTo(600L);
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(600L);
        assertThat(key.getJwkJson()).doesNotContain("\"d\"");
    }

    @Test
    void validateOnlyAnswersButWritesNothing() {
        String email = unique("shadow");
        User wouldBe = register(email, true);
        assertThat(wouldBe.getEmail()).isEqualTo(email.toLowerCase());

        // Nothing was written: the address cannot log in, and registering it for real is not ALREADY_EXISTS.
        assertCode(() -> auth.authenticate(login(email, PASSWORD, "192.0.2.68")).await().atMost(DEADLINE),
                Status.Code.UNAUTHENTICATED);
        User real = register(email, false);
        assertThat(real.getEmail()).isEqualTo(wouldBe.getEmail());
        auth.authenticate(login(email, PASSWORD, "192.0.2.68")).await().atMost(DEADLINE);
    }

    @Test
    void aDuplicateEmailWhateverItsCaseIsAlreadyExists() {
        String email = unique("twin");
        register(email, false);
        assertCode(() -> register(email.toUpperCase(), false), Status.Code.ALREADY_EXISTS);
        assertCode(() -> register(email, true), Status.Code.ALREADY_EXISTS);
    }

    @Test
    void policyViolationsNameTheField() {
        assertThatThrownBy(() -> auth.register(RegisterRequest.newBuilder().setEmail(unique("weak"))
                        .setPassword("short").setDisplayName("Weak").build()).await().atMost(DEADLINE))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("password: ");
                });
    }

    @Test
    void wrongPasswordAndUnknownEmailAreTheSameUnauthenticated() {
        String email = unique("careful");
        register(email, false);
        StatusRuntimeException wrong = failure(() -> auth.authenticate(login(email, "nope nope nope", "192.0.2.2"))
                .await().atMost(DEADLINE));
        StatusRuntimeException unknown = failure(() -> auth.authenticate(login(unique("ghost"), "nope nope nope",
                "192.0.2.3")).await().atMost(DEADLINE));
        assertThat(wrong.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(unknown.getStatus().getDescription()).isEqualTo(wrong.getStatus().getDescription());
    }

    @Test
    void throttledLoginsAreResourceExhaustedWithRetryInfo() throws Exception {
        String email = unique("target");
        register(email, false);
        for (int i = 0; i < 5; i++) {
            String address = "192.0.2." + (10 + i);
            assertCode(() -> auth.authenticate(login(email, "guess " + address, address)).await().atMost(DEADLINE),
                    Status.Code.UNAUTHENTICATED);
        }
        StatusRuntimeException locked = failure(() -> auth.authenticate(login(email, PASSWORD, "192.0.2.99"))
                .await().atMost(DEADLINE));

        assertThat(locked.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        RetryInfo retry = StatusProto.fromThrowable(locked).getDetails(0).unpack(RetryInfo.class);
        assertThat(retry.getRetryDelay().getSeconds()).isBetween(1L, 300L);
    }

    private User register(String email, boolean validateOnly) {
        return auth.register(RegisterRequest.newBuilder().setEmail(email).setPassword(PASSWORD)
                .setDisplayName("Test").setValidateOnly(validateOnly).build()).await().atMost(DEADLINE);
    }

    private static AuthenticateRequest login(String email, String password, String address) {
        return AuthenticateRequest.newBuilder().setEmail(email).setPassword(password).setClientAddress(address).build();
    }

    private static String unique(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.org";
    }

    private static StatusRuntimeException failure(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a gRPC error");
    }

    private static void assertCode(Runnable call, Status.Code code) {
        assertThat(failure(call).getStatus().getCode()).isEqualTo(code);
    }
}
