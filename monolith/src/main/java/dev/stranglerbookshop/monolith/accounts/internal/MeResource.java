package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.monolith.accounts.UserView;
import io.quarkus.security.Authenticated;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "auth")
public class MeResource {

    private final AccountService accounts;
    private final JsonWebToken token;

    MeResource(AccountService accounts, JsonWebToken token) {
        this.accounts = accounts;
        this.token = token;
    }

    @GET
    public UserView me() {
        // A valid token for an account that no longer exists authenticates nobody.
        return accounts.find(UUID.fromString(token.getSubject())).orElseThrow(UnauthorizedException::new);
    }
}
