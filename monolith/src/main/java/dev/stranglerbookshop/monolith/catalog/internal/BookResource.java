package dev.stranglerbookshop.monolith.catalog.internal;

import dev.stranglerbookshop.monolith.catalog.BookView;
import dev.stranglerbookshop.monolith.shared.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

@Path("/api/books")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "catalog", description = "Browse books; admins edit the catalog")
public class BookResource {

    private final CatalogService catalog;

    BookResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GET
    public Page<BookView> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size,
            @QueryParam("sort") @DefaultValue("title") String sort) {
        return catalog.list(page, size, BookSort.parse(sort));
    }

    @GET
    @Path("/{id}")
    public BookView get(@PathParam("id") UUID id) {
        return catalog.get(id);
    }

    @POST
    @RolesAllowed("admin")
    @SecurityRequirement(name = "bearer")
    public Response create(@Valid @NotNull BookRequest request) {
        BookView book = catalog.create(request);
        return Response.created(URI.create("/api/books/" + book.id())).entity(book).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = "bearer")
    public BookView replace(@PathParam("id") UUID id, @Valid @NotNull BookRequest request) {
        return catalog.replace(id, request);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = "bearer")
    public Response delete(@PathParam("id") UUID id) {
        catalog.delete(id);
        return Response.noContent().build();
    }
}
