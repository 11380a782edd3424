package dev.stranglerbookshop.monolith.web.internal;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The shop's read pages: browse the catalog, search it, one book. Plain GET forms and links, so they work without
 * JavaScript. The query parameters are passed to the API as typed; what it refuses is shown next to the field.
 */
@Path("/shop")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class CatalogPages {

    private static final int PAGE_SIZE = 20;

    private final ShopApi api;
    private final PageSupport pages;

    CatalogPages(ShopApi api, PageSupport pages) {
        this.api = api;
        this.pages = pages;
    }

    @GET
    @Operation(hidden = true)
    public Response books(@QueryParam("page") String page) {
        ApiAnswer answer = api.get(pages.visit().caller(), "/api/books",
                Map.of("page", page == null ? "0" : page, "size", PAGE_SIZE, "sort", "title"));
        if (!answer.ok()) {
            return pages.problemPage(answer, "The catalog cannot be shown");
        }
        return PageSupport.render(200, Pages.catalog(pages.chrome(null), "Books", listing(answer), Views.Form.EMPTY,
                "/shop?page="));
    }

    @GET
    @Path("search")
    @Operation(hidden = true)
    public Response search(@QueryParam("q") String q, @QueryParam("minPrice") String minPrice,
            @QueryParam("maxPrice") String maxPrice, @QueryParam("inStock") String inStock,
            @QueryParam("page") String page) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("q", q == null ? "" : q);
        values.put("minPrice", minPrice == null ? "" : minPrice);
        values.put("maxPrice", maxPrice == null ? "" : maxPrice);
        values.put("inStock", inStock == null || inStock.isBlank() ? "" : "true");
        if (values.get("q").isBlank()) {
            // The API searches words; the price and stock filters narrow a search, they are not one.
            return PageSupport.render(400, Pages.catalog(pages.chrome(null), "Search results", null,
                    new Views.Form(values, Map.of("q", "Type a word to search for; the price and stock filters narrow "
                            + "what it finds.")), "/shop/search?page="));
        }
        Map<String, Object> query = new LinkedHashMap<>(values);
        query.put("page", page == null ? "0" : page);
        query.put("size", PAGE_SIZE);
        ApiAnswer answer = api.get(pages.visit().caller(), "/api/search", query);
        String link = "/shop/search" + ShopApi.queryString(values) + (values.values().stream().allMatch(String::isEmpty)
                ? "?" : "&") + "page=";
        if (answer.ok()) {
            return PageSupport.render(200, Pages.catalog(pages.chrome(null), "Search results", listing(answer),
                    new Views.Form(values, Map.of()), link));
        }
        Map<String, String> errors = answer.fieldErrors();
        String alert = errors.isEmpty() ? answer.message() : "Please correct the search.";
        return PageSupport.render(answer.status(), Pages.catalog(pages.chrome(alert), "Search results", null,
                new Views.Form(values, errors), link));
    }

    @GET
    @Path("book")
    @Operation(hidden = true)
    public Response book(@QueryParam("id") String id) {
        ApiAnswer answer = api.get(pages.visit().caller(), "/api/books/" + pathSegment(id), Map.of());
        if (!answer.ok()) {
            return pages.problemPage(answer, "This book cannot be shown");
        }
        Views.Book book = ShopApi.read(answer.body(), Views.Book.class);
        return PageSupport.render(200, Pages.book(pages.chrome(null), book, new Views.Form(Map.of("quantity", "1"),
                Map.of()), UUID.randomUUID().toString()));
    }

    /** A UUID stays as typed; anything else becomes one the API answers 400 or 404 for, never another path. */
    static String pathSegment(String id) {
        return id != null && id.matches("[0-9A-Za-z-]{1,64}") ? id : "not-a-book-id";
    }

    private static Views.Listing<Views.Book> listing(ApiAnswer answer) {
        return ShopApi.readListing(answer.body(), Views.Book.class);
    }
}
