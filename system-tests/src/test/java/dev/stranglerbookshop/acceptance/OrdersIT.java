package dev.stranglerbookshop.acceptance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@Acceptance
class OrdersIT {

    @Test
    void placingAnOrderReservesStockAndPricesIt() {
        String book = Api.newBook("Order Me", "to be ordered", List.of("test"), "7.25", 10);
        Api.Customer customer = Api.newCustomer("buyer");

        String id = customer.request().body(Api.order(book, 3)).post("/api/orders").then().statusCode(201)
                .body("status", equalTo("PLACED"))
                .body("items[0].quantity", equalTo(3))
                .body("total", equalTo(21.75f))
                .body("currency", equalTo("EUR"))
                .extract().path("id");

        assertThat(Api.stockOf(book)).isEqualTo(7);
        customer.request().get("/api/orders/" + id).then().statusCode(200).body("status", equalTo("PLACED"));
        customer.request().get("/api/orders").then().statusCode(200).body("items.id", contains(id));
    }

    @Test
    void insufficientStockIsAConflictAndNothingIsReserved() {
        String plenty = Api.newBook("Plenty", "many copies", List.of("test"), "1.00", 50);
        String scarce = Api.newBook("Scarce", "two copies", List.of("test"), "1.00", 2);
        Api.Customer customer = Api.newCustomer("greedy");

        customer.request().body(Map.of("items", List.of(Map.of("bookId", plenty, "quantity", 5),
                        Map.of("bookId", scarce, "quantity", 3))))
                .post("/api/orders").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:bookshop:problem:insufficient-stock"));

        assertThat(Api.stockOf(plenty)).isEqualTo(50);
        assertThat(Api.stockOf(scarce)).isEqualTo(2);
        customer.request().get("/api/orders").then().body("total", equalTo(0));
    }

    @Test
    void aBookRepeatedOverLinesCountsAsOneAgainstTheLimit() {
        String book = Api.newBook("Bulk Buy", "three lines of one hundred", List.of("test"), "1.00", 500);
        Api.Customer customer = Api.newCustomer("bulk");
        Map<String, Object> line = Map.of("bookId", book, "quantity", 100);

        customer.request().body(Map.of("items", List.of(line, line, line))).post("/api/orders").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("items"))
                .body("detail", containsString("300 copies"));
        customer.request().body(Map.of("items", List.of(Map.of("bookId", book, "quantity", 60),
                Map.of("bookId", book, "quantity", 40)))).post("/api/orders").then().statusCode(201)
                .body("items[0].quantity", equalTo(100));
        assertThat(Api.stockOf(book)).isEqualTo(400);
    }

    @Test
    void aTotalBeyondAnyAmountIsRefusedAndNothingIsReserved() {
        String dear = Api.newBook("Priceless", "the dearest book", List.of("test"), "99999999.99", 300);
        String dearer = Api.newBook("Priceless Too", "the other dearest book", List.of("test"), "99999999.99", 300);
        Api.Customer customer = Api.newCustomer("tycoon");

        customer.request().body(Map.of("items", List.of(Map.of("bookId", dear, "quantity", 100),
                Map.of("bookId", dearer, "quantity", 100)))).post("/api/orders").then()
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:bookshop:problem:order-too-large"));
        customer.request().body(Api.order(dear, 2)).post("/api/orders").then().statusCode(422);
        customer.request().body(Api.order(dear, 1)).post("/api/orders").then().statusCode(201)
                .body(containsString("\"total\":99999999.99")); // exactly: a float would round it
        assertThat(Api.stockOf(dear)).isEqualTo(299);
        assertThat(Api.stockOf(dearer)).isEqualTo(300);
        customer.request().get("/api/orders").then().body("total", equalTo(1));
    }

    @Test
    void customersSeeOnlyTheirOwnOrders() {
        String book = Api.newBook("Private Matters", "mine", List.of("test"), "3.00", 5);
        Api.Customer alice = Api.newCustomer("alice");
        Api.Customer bob = Api.newCustomer("bob");
        String alicesOrder = alice.request().body(Api.order(book, 1)).post("/api/orders").then().statusCode(201)
                .extract().path("id");

        bob.request().get("/api/orders/" + alicesOrder).then().statusCode(404).contentType("application/problem+json");
        bob.request().post("/api/orders/" + alicesOrder + "/cancel").then().statusCode(404);
        bob.request().get("/api/orders").then().body("total", equalTo(0));
        // Bob's inbox holds his welcome only (from stage 2 it arrives asynchronously).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> bob.request().get("/api/notifications").then()
                .body("items.kind", contains("WELCOME")));
    }

    @Test
    void cancellingReleasesTheStockOnce() {
        String book = Api.newBook("Changed My Mind", "regret", List.of("test"), "4.00", 5);
        Api.Customer customer = Api.newCustomer("fickle");
        String id = customer.request().body(Api.order(book, 2)).post("/api/orders").then().statusCode(201)
                .extract().path("id");

        customer.request().post("/api/orders/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        customer.request().post("/api/orders/" + id + "/cancel").then().statusCode(409)
                .contentType("application/problem+json");
        assertThat(Api.stockOf(book)).isEqualTo(5);
    }

    @Test
    void onlyAnAdminShipsAndAShippedOrderCannotBeCancelled() {
        String book = Api.newBook("Ship It", "parcel", List.of("test"), "9.00", 5);
        Api.Customer customer = Api.newCustomer("waiting");
        String id = customer.request().body(Api.order(book, 1)).post("/api/orders").then().statusCode(201)
                .extract().path("id");

        customer.request().post("/api/orders/" + id + "/ship").then().statusCode(403);
        Api.asAdmin().post("/api/orders/" + id + "/ship").then().statusCode(200).body("status", equalTo("SHIPPED"));
        customer.request().post("/api/orders/" + id + "/cancel").then().statusCode(409);
        assertThat(Api.stockOf(book)).isEqualTo(4);
    }

    @Test
    void ordersListByStatusAndPageAndOnlyAPlacedOrderShips() {
        String book = Api.newBook("Three Parcels", "listed", List.of("test"), "1.00", 10);
        Api.Customer customer = Api.newCustomer("lister");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(customer.request().body(Api.order(book, 1)).post("/api/orders").then().statusCode(201)
                    .extract().path("id"));
        }
        customer.request().post("/api/orders/" + ids.get(0) + "/cancel").then().statusCode(200);
        Api.asAdmin().post("/api/orders/" + ids.get(1) + "/ship").then().statusCode(200);

        customer.request().queryParam("status", "PLACED").get("/api/orders").then().statusCode(200)
                .body("total", equalTo(1)).body("items.id", contains(ids.get(2)));
        customer.request().queryParam("status", "CANCELLED").get("/api/orders").then()
                .body("items.id", contains(ids.get(0)));
        customer.request().queryParam("size", 2).queryParam("page", 1).get("/api/orders").then().statusCode(200)
                .body("total", equalTo(3)).body("items.id", contains(ids.get(0))); // newest first: the oldest last
        Api.asAdmin().post("/api/orders/" + ids.get(0) + "/ship").then().statusCode(409)
                .contentType("application/problem+json");
        Api.asAdmin().post("/api/orders/" + ids.get(1) + "/ship").then().statusCode(409);
        Api.asAdmin().post("/api/orders/" + java.util.UUID.randomUUID() + "/ship").then().statusCode(404)
                .contentType("application/problem+json");
        customer.request().get("/api/orders/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void theInboxTellsTheStoryNewestFirst() {
        String book = Api.newBook("Inbox Story", "letters", List.of("test"), "2.00", 5);
        Api.Customer customer = Api.newCustomer("storyteller");
        String id = customer.request().body(Api.order(book, 1)).post("/api/orders").then().statusCode(201)
                .extract().path("id");
        Api.asAdmin().post("/api/orders/" + id + "/ship").then().statusCode(200);

        // Stage-independent: from stage 2 on, notifications arrive asynchronously.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> customer.request().get("/api/notifications")
                .then().statusCode(200)
                .body("items.kind", contains("ORDER_SHIPPED", "ORDER_PLACED", "WELCOME")));
    }
}
