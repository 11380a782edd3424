package dev.stranglerbookshop.auth.accounts;

import dev.stranglerbookshop.proto.auth.v1.AuthService;
import dev.stranglerbookshop.proto.auth.v1.GetUserRequest;
import dev.stranglerbookshop.proto.auth.v1.Role;
import dev.stranglerbookshop.proto.auth.v1.User;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

import java.util.UUID;

@GrpcService
public class AuthGrpcService implements AuthService {

    @Override
    @Blocking
    public Uni<User> getUser(GetUserRequest request) {
        UUID id = parseId(request.getUserId());
        Account account = Account.findById(id);
        if (account == null) {
            throw Status.NOT_FOUND.withDescription("No account " + id).asRuntimeException();
        }
        return Uni.createFrom().item(User.newBuilder()
                .setId(account.id.toString())
                .setEmail(account.email)
                .setDisplayName(account.displayName)
                .addRoles("admin".equals(account.role) ? Role.ROLE_ADMIN : Role.ROLE_CUSTOMER)
                .build());
    }

    private static UUID parseId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT.withDescription("user_id must be a UUID").asRuntimeException();
        }
    }
}
