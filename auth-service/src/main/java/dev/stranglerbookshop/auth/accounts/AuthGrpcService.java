package dev.stranglerbookshop.auth.accounts;

import com.google.protobuf.Timestamp;
import dev.stranglerbookshop.auth.store.Account;
import dev.stranglerbookshop.auth.store.AccountStoreException;
import dev.stranglerbookshop.platform.grpc.CallerDeadline;
import dev.stranglerbookshop.proto.auth.v1.AccessToken;
import dev.stranglerbookshop.proto.auth.v1.AuthService;
import dev.stranglerbookshop.proto.auth.v1.AuthenticateRequest;
import dev.stranglerbookshop.proto.auth.v1.GetUserRequest;
import dev.stranglerbookshop.proto.auth.v1.ListSigningKeysRequest;
import dev.stranglerbookshop.proto.auth.v1.RegisterRequest;
import dev.stranglerbookshop.proto.auth.v1.Role;
import dev.stranglerbookshop.proto.auth.v1.SigningKey;
import dev.stranglerbookshop.proto.auth.v1.SigningKeys;
import dev.stranglerbookshop.proto.auth.v1.User;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * The {@code bookshop.auth.v1.AuthService} contract; error codes as documented in auth.proto. Requests are checked on
 * the event loop; database work and bcrypt run on a worker ({@link CallerDeadline#offload}), which drops a call whose
 * caller gave up while it waited.
 */
@GrpcService
public class AuthGrpcService implements AuthService {

    private final AccountService accounts;
    private final dev.stranglerbookshop.auth.accounts.SigningKeys keys;
    private final CallerDeadline caller;

    AuthGrpcService(AccountService accounts, dev.stranglerbookshop.auth.accounts.SigningKeys keys,
            CallerDeadline caller) {
        this.accounts = accounts;
        this.keys = keys;
        this.caller = caller;
    }

    @Override
    public Uni<User> register(RegisterRequest request) {
        RegisterInput input = new RegisterInput(request.getEmail(), request.getPassword(), request.getDisplayName());
        return stored(caller.offload("accounts.register",
                () -> user(accounts.register(input, request.getValidateOnly()))));
    }

    @Override
    public Uni<AccessToken> authenticate(AuthenticateRequest request) {
        if (request.getEmail().isBlank() || request.getPassword().isBlank()) {
            throw Status.INVALID_ARGUMENT.withDescription("email and password are required").asRuntimeException();
        }
        String address = request.getClientAddress().isBlank() ? "unknown" : request.getClientAddress();
        return stored(caller.offload("accounts.login",
                () -> accounts.authenticate(request.getEmail(), request.getPassword(), address,
                        request.getValidateOnly())));
    }

    @Override
    public Uni<User> getUser(GetUserRequest request) {
        UUID id = parseId(request.getUserId());
        return stored(caller.offload("accounts.getUser", () -> user(accounts.find(id)
                .orElseThrow(() -> Status.NOT_FOUND.withDescription("No account " + id).asRuntimeException()))));
    }

    @Override
    public Uni<SigningKeys> listSigningKeys(ListSigningKeysRequest request) {
        return Uni.createFrom().item(SigningKeys.newBuilder().addKeys(SigningKey.newBuilder()
                .setKeyId(keys.keyId()).setAlgorithm("RS256").setJwkJson(keys.publicJwkJson())).build());
    }

    /**
     * An accounts database that cannot answer is an infrastructure failure: UNAVAILABLE, which the caller's breaker
     * counts and retries elsewhere, never UNKNOWN with the driver's message.
     */
    private static <T> Uni<T> stored(Uni<T> call) {
        return call.onFailure(AccountStoreException.class).transform(e -> Status.UNAVAILABLE
                .withDescription("The accounts database is unavailable").withCause(e).asRuntimeException());
    }

    private static User user(Account account) {
        User.Builder user = User.newBuilder()
                .setId(account.id().toString())
                .setEmail(account.email())
                .setDisplayName(account.displayName())
                .addRoles("admin".equals(account.role()) ? Role.ROLE_ADMIN : Role.ROLE_CUSTOMER);
        if (account.createdAt() != null) {
            user.setCreatedAt(Timestamp.newBuilder().setSeconds(account.createdAt().getEpochSecond())
                    .setNanos(account.createdAt().getNano()));
        }
        return user.build();
    }

    private static UUID parseId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT.withDescription("user_id must be a UUID").asRuntimeException();
        }
    }
}
