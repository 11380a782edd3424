package dev.stranglerbookshop.acceptance;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * {@code POST /api/orders} retried with an {@code Idempotency-Key}: the retry gets the first answer, and the stock is
 * reserved, the order recorded and the confirmation sent once, even when the retries arrive at the same time.
 */
@Acceptance
class IdempotentOrdersIT {

    private static final String KEY = "Idempotency-Key";

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndOrdersOnce() {
        String book = Api.newBook("Retry Me", "ordered twice, bought once", List.of("test"), "5.00", 10);
        Api.Customer customer = Api.newCustomer("retrier");
        String key = UUID.randomUUID().toString();

        Response first = customer.request().header(KEY, key).body(Api.order(book, 2)).post("/api/orders");
        first.then().statusCode(201).header("Idempotent-Replayed", (String) null);
        Response again = customer.request().header(KEY, key).body(Api.order(book, 2)).post("/api/orders");
        again.then().statusCode(201).contentType("application/json").header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"));

        assertThat(again.jsonPath().getMap("$")).isEqualTo(first.jsonPath().getMap("$"));
        assertThat(Api.stockOf(book)).isEqualTo(8);
        customer.request().get("/api/orders").then().body("total", equalTo(1));
        // One confirmation (the customer is new). A positive control instead of a fixed quiet window: a second order
        // under a new key, placed after the retry, must show its confirmation; by then a confirmation of the retry,
        // had it placed an order, would have had the pipeline's own time to arrive too.
        await().atMost(Duration.ofSeconds(30)).until(() -> confirmations(customer) >= 1);
        customer.request().header(KEY, UUID.randomUUID().toString()).body(Api.order(book, 1)).post("/api/orders")
                .then().statusCode(201).header("Idempotent-Replayed", (String) null);
        await().atMost(Duration.ofSeconds(30)).until(() -> confirmations(customer) >= 2);
        assertThat(confirmations(customer)).as("the first order and the control, nothing for the retry").isEqualTo(2);
    }

    @Test
    void simultaneousRetriesWriteOnce() throws Exception {
        String book = Api.newBook("Impatient Clicks", "eight clicks, one order", List.of("test"), "2.00", 20);
        Api.Customer customer = Api.newCustomer("clicker");
        String key = UUID.randomUUID().toString();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Response> post = () -> customer.request().header(KEY, key).body(Api.order(book, 3))
                        .post("/api/orders");
                answers.add(clients.submit(post));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
                ids.add(response.path("id"));
            }
            assertThat(ids).as("one order for every answer").containsOnly(ids.get(0));
        } finally {
            clients.shutdownNow();
        }
        assertThat(Api.stockOf(book)).isEqualTo(17);
        customer.request().get("/api/orders").then().body("total", equalTo(1));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        String book = Api.newBook("Changed Basket", "one key, two baskets", List.of("test"), "3.00", 10);
        Api.Customer customer = Api.newCustomer("switcher");
        String key = UUID.randomUUID().toString();
        customer.request().header(KEY, key).body(Api.order(book, 1)).post("/api/orders").then().statusCode(201);

        customer.request().header(KEY, key).body(Api.order(book, 4)).post("/api/orders").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bookshop:problem:idempotency-key-reused"));
        assertThat(Api.stockOf(book)).isEqualTo(9);
        customer.request().get("/api/orders").then().body("total", equalTo(1));
    }

    @Test
    void keysBelongToTheirCaller() {
        String book = Api.newBook("Shared Key", "two customers, one key", List.of("test"), "3.00", 10);
        String key = UUID.randomUUID().toString();
        String alices = Api.newCustomer("alice").request().header(KEY, key).body(Api.order(book, 1))
                .post("/api/orders").then().statusCode(201).extract().path("id");
        String bobs = Api.newCustomer("bob").request().header(KEY, key).body(Api.order(book, 1))
                .post("/api/orders").then().statusCode(201).header("Idempotent-Replayed", (String) null)
                .extract().path("id");
        assertThat(bobs).isNotEqualTo(alices);
        assertThat(Api.stockOf(book)).isEqualTo(8);
    }

    @Test
    void aRefusedRequestKeepsNothingSoItsKeyMayBeRetried() {
        String book = Api.newBook("Not Enough", "three wanted, two there", List.of("test"), "3.00", 2);
        Api.Customer customer = Api.newCustomer("hopeful");
        String key = UUID.randomUUID().toString();
        customer.request().header(KEY, key).body(Api.order(book, 3)).post("/api/orders").then().statusCode(409);

        customer.request().header(KEY, key).body(Api.order(book, 2)).post("/api/orders").then().statusCode(201)
                .header("Idempotent-Replayed", (String) null);
        assertThat(Api.stockOf(book)).isZero();
    }

    @Test
    void aMalformedKeyIsRefusedByName() {
        String book = Api.newBook("Bad Keys", "nothing reserved", List.of("test"), "3.00", 5);
        Api.Customer customer = Api.newCustomer("sloppy");
        for (String key : List.of("", " ", "x".repeat(256), "caf\u00e9", "tab\tkey")) {
            customer.request().header(KEY, key).body(Api.order(book, 1)).post("/api/orders").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(KEY));
        }
        customer.request().header(KEY, "one").header(KEY, "two").body(Api.order(book, 1)).post("/api/orders")
                .then().statusCode(400).body("errors.field", hasItem(KEY));
        assertThat(Api.stockOf(book)).isEqualTo(5);
        customer.request().get("/api/orders").then().body("total", equalTo(0));
    }

    private static long confirmations(Api.Customer customer) {
        List<String> kinds = customer.request().get("/api/notifications").then().statusCode(200)
                .extract().path("items.kind");
        return kinds.stream().filter("ORDER_PLACED"::equals).count();
    }
}
