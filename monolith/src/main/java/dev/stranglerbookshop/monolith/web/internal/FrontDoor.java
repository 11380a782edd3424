package dev.stranglerbookshop.monolith.web.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code /}: the front door is the shop. */
@Path("/")
public class FrontDoor {

    @GET
    @Operation(hidden = true)
    public Response home() {
        return PageSupport.redirect("/shop");
    }
}
