package dev.stranglerbookshop.monolith.web.internal;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A customer's own pages: buy, my orders (cancel), my inbox. Signed-out visitors are sent to sign in first and
 * brought back. "Buy" carries an {@code Idempotency-Key} minted when the book page was rendered, so a double click or
 * a resubmitted form places one order (the API replays the first answer).
 */
@Path("/shop")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class OrderPages {

    private final ShopApi api;
    private final PageSupport pages;

    OrderPages(ShopApi api, PageSupport pages) {
        this.api = api;
        this.pages = pages;
    }

    @POST
    @Path("orders")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response buy(@FormParam("bookId") String bookId, @FormParam("quantity") String quantity,
            @FormParam("idempotencyKey") String idempotencyKey) {
        String bookPage = "/shop/book?id=" + CatalogPages.pathSegment(bookId);
        if (!pages.visit().visitor().signedIn()) {
            return PageSupport.signInFirst(bookPage);
        }
        String typed = quantity == null ? "" : quantity.strip();
        if (typed.isEmpty()) {
            return bookAgain(bookId, 400, "The order was not placed: please say how many copies.",
                    Map.of("quantity", "Enter how many copies, 1 to 100."), typed);
        }
        Object copies = typed.matches("-?\\d{1,9}") ? Integer.valueOf(typed) : typed;
        String key = idempotencyKey != null && idempotencyKey.matches("[0-9a-f-]{36}") ? idempotencyKey
                : UUID.randomUUID().toString();
        ApiAnswer answer = api.send(pages.visit().caller(), "POST", "/api/orders",
                Map.of("items", List.of(new Item(bookId, copies))), Map.of("Idempotency-Key", key));
        if (answer.ok()) {
            return PageSupport.redirect("/shop/orders", pages.visit().notice("Order placed."));
        }
        if (answer.status() == 401) {
            return PageSupport.signInFirst(bookPage);
        }
        Map<String, String> errors = answer.fieldErrors();
        String alert = errors.isEmpty() ? answer.message() : "The order was not placed: please correct the quantity.";
        if ("idempotency-key-reused".equals(answer.problemType())) {
            // Back to an old book page, a changed quantity, sent again: that page already placed its order.
            alert = "This page already placed an order (see My orders). To order again, use the form below.";
        }
        return bookAgain(bookId, answer.status(), alert, errors, typed);
    }

    /**
     * The book page again with what went wrong. Nothing was ordered by this request, so the form gets a new
     * idempotency key: the corrected form is a new request.
     */
    private Response bookAgain(String bookId, int status, String alert, Map<String, String> errors, String quantity) {
        ApiAnswer book = api.get(pages.visit().caller(), "/api/books/" + CatalogPages.pathSegment(bookId), Map.of());
        if (!book.ok()) {
            return pages.problemPage(book, "The order was not placed");
        }
        return PageSupport.render(status, Pages.book(pages.chrome(alert), ShopApi.read(book.body(), Views.Book.class),
                new Views.Form(Map.of("quantity", quantity), errors), UUID.randomUUID().toString()));
    }

    @GET
    @Path("orders")
    @Operation(hidden = true)
    public Response orders(@QueryParam("page") String page) {
        if (!pages.visit().visitor().signedIn()) {
            return PageSupport.signInFirst("/shop/orders");
        }
        ApiAnswer answer = api.get(pages.visit().caller(), "/api/orders", Map.of("page", page == null ? "0" : page));
        if (!answer.ok()) {
            return pages.problemPage(answer, "Your orders cannot be shown");
        }
        return PageSupport.render(200, Pages.orders(pages.chrome(null),
                ShopApi.readListing(answer.body(), Views.Order.class), "/shop/orders?page="));
    }

    @POST
    @Path("orders/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response cancel(@PathParam("id") String id) {
        if (!pages.visit().visitor().signedIn()) {
            return PageSupport.signInFirst("/shop/orders");
        }
        ApiAnswer answer = api.send(pages.visit().caller(), "POST",
                "/api/orders/" + CatalogPages.pathSegment(id) + "/cancel", null, Map.of());
        if (!answer.ok()) {
            return pages.problemPage(answer, "The order was not cancelled");
        }
        return PageSupport.redirect("/shop/orders", pages.visit().notice("Order cancelled."));
    }

    @GET
    @Path("inbox")
    @Operation(hidden = true)
    public Response inbox(@QueryParam("page") String page) {
        if (!pages.visit().visitor().signedIn()) {
            return PageSupport.signInFirst("/shop/inbox");
        }
        ApiAnswer answer = api.get(pages.visit().caller(), "/api/notifications",
                Map.of("page", page == null ? "0" : page));
        if (!answer.ok()) {
            return pages.problemPage(answer, "Your inbox cannot be shown");
        }
        return PageSupport.render(200, Pages.inbox(pages.chrome(null),
                ShopApi.readListing(answer.body(), Views.Message.class), "/shop/inbox?page="));
    }

    /** One order line as the API takes it; the quantity is sent as typed when it is not a number (the API says why). */
    record Item(String bookId, Object quantity) {
    }
}
