package dev.stranglerbookshop.monolith.ordering.internal;

import dev.stranglerbookshop.monolith.accounts.Roles;
import dev.stranglerbookshop.monolith.shared.Page;
import dev.stranglerbookshop.monolith.idempotency.Idempotent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CUSTOMER, Roles.ADMIN })
@SecurityRequirement(name = "bearer")
@Tag(name = "orders", description = "Place, list and cancel your orders; admins ship them")
public class OrderResource {

    private final OrderService orders;
    private final JsonWebToken token;

    OrderResource(OrderService orders, JsonWebToken token) {
        this.orders = orders;
        this.token = token;
    }

    /**
     * Places an order: 201 with the order and its {@code Location}. Safe to retry with an {@code Idempotency-Key}
     * header (see {@link Idempotent}): a retry gets the first answer, and stock is reserved and the mail sent once.
     */
    @POST
    @Idempotent
    @Parameter(in = ParameterIn.HEADER, name = Idempotent.HEADER, example = "5f0c6c9e-2b1d-4b4e-9a51-0d6f1c1e8a11",
            description = "Makes a retry safe: the same key with the same body answers the first answer again (header "
                    + Idempotent.REPLAYED + ": true) for 24 h; the same key with another body answers 422. 1 to 255 "
                    + "visible ASCII characters, scoped to the caller.")
    public Response place(@Valid @NotNull PlaceOrderRequest request) {
        OrderView order = orders.place(new OrderService.Customer(caller(), token.getName()), request);
        return Response.created(URI.create("/api/orders/" + order.id())).entity(order).build();
    }

    @GET
    public Page<OrderView> list(@QueryParam("status") OrderStatus status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return orders.list(caller(), status, page, size);
    }

    @GET
    @Path("/{id}")
    public OrderView get(@PathParam("id") UUID id) {
        return orders.get(caller(), id);
    }

    @POST
    @Path("/{id}/cancel")
    public OrderView cancel(@PathParam("id") UUID id) {
        return orders.cancel(caller(), id);
    }

    @POST
    @Path("/{id}/ship")
    @RolesAllowed(Roles.ADMIN)
    public OrderView ship(@PathParam("id") UUID id) {
        return orders.ship(id);
    }

    private UUID caller() {
        return UUID.fromString(token.getSubject());
    }
}
