package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.monolith.accounts.UserView;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "auth", description = "Register and log in (RS256 access tokens)")
public class AuthResource {

    private final AuthGateway accounts;

    AuthResource(AuthGateway accounts) {
        this.accounts = accounts;
    }

    @POST
    @Path("/register")
    public Response register(@Valid @NotNull RegisterRequest request) {
        UserView user = accounts.register(request);
        return Response.created(URI.create("/api/me")).entity(user).build();
    }

    @POST
    @Path("/login")
    public TokenIssuer.TokenResponse login(@Valid @NotNull LoginRequest request, @Context HttpServerRequest http) {
        // The remote address honours X-Forwarded-For only from proxies listed in quarkus.http.proxy.trusted-proxies.
        return accounts.login(request, http.remoteAddress().hostAddress());
    }
}
