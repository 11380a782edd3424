package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.monolith.accounts.Roles;
import dev.stranglerbookshop.monolith.accounts.UserView;
import dev.stranglerbookshop.monolith.migration.MigrationSettings;
import dev.stranglerbookshop.platform.grpc.ServiceCalls;
import dev.stranglerbookshop.platform.grpc.StatusProblems;
import dev.stranglerbookshop.proto.auth.v1.AuthServiceGrpc;
import dev.stranglerbookshop.proto.auth.v1.AuthenticateRequest;
import dev.stranglerbookshop.proto.auth.v1.Role;
import dev.stranglerbookshop.proto.auth.v1.User;
import dev.stranglerbookshop.topology.Capability;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * auth-service over gRPC ({@code auth.proto}), answering in the monolith's terms: its answers become the problems
 * the module gives (409 {@code duplicate-email}, 401 {@code wrong-credentials}, 429 {@code too-many-login-attempts},
 * 400 naming the field); anything else is {@link dev.stranglerbookshop.platform.grpc.ServiceUnavailable}. Deadline,
 * bulkhead and breaker: {@code bookshop.migration.calls.auth.*}.
 */
@ApplicationScoped
public class AuthServiceClient {

    private final AuthServiceGrpc.AuthServiceBlockingStub stub;
    private final ServiceCalls calls;

    AuthServiceClient(@GrpcClient("auth") AuthServiceGrpc.AuthServiceBlockingStub stub, MigrationSettings settings,
            MeterRegistry meters) {
        this.stub = stub;
        this.calls = new ServiceCalls(Capability.AUTH.service().name(), settings.calls().auth(),
                StatusProblems.standard()
                        .with(Status.Code.ALREADY_EXISTS, e -> AuthProblems.duplicateEmail())
                        .with(Status.Code.UNAUTHENTICATED, e -> AuthProblems.wrongCredentials())
                        .with(Status.Code.RESOURCE_EXHAUSTED, e -> AuthProblems.throttled(
                                StatusProblems.description(e), StatusProblems.retryDelay(e))),
                meters);
    }

    /** @param validateOnly checks everything and answers the would-be user, writing nothing (shadow mode) */
    public UserView register(RegisterRequest request, boolean validateOnly) {
        return view(calls.call(stub, s -> s.register(dev.stranglerbookshop.proto.auth.v1.RegisterRequest.newBuilder()
                .setEmail(request.email()).setPassword(request.password())
                .setDisplayName(request.displayName()).setValidateOnly(validateOnly).build())));
    }

    /**
     * @param validateOnly a dry run (shadow mode): auth-service checks the limits but counts nothing, because the
     *                     module counts the same attempt in the same table
     * @return the token auth-service issued
     * @throws dev.stranglerbookshop.platform.problem.ProblemException 401, 429 or 400 as the module answers them
     */
    public TokenIssuer.TokenResponse authenticate(LoginRequest request, String clientAddress, boolean validateOnly) {
        var token = calls.call(stub, s -> s.authenticate(AuthenticateRequest.newBuilder().setEmail(request.email())
                .setPassword(request.password()).setClientAddress(clientAddress).setValidateOnly(validateOnly)
                .build()));
        return new TokenIssuer.TokenResponse(token.getAccessToken(), token.getTokenType(), token.getExpiresInSeconds());
    }

    private static UserView view(User user) {
        Instant created = Instant.ofEpochSecond(user.getCreatedAt().getSeconds(), user.getCreatedAt().getNanos());
        String role = user.getRolesList().contains(Role.ROLE_ADMIN) ? Roles.ADMIN : Roles.CUSTOMER;
        return new UserView(UUID.fromString(user.getId()), user.getEmail(), user.getDisplayName(), role, created);
    }
}
