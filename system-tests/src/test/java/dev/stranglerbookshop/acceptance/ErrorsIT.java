package dev.stranglerbookshop.acceptance;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Bad input gets a problem document with the right status, never a 500 or a stack trace. */
@Acceptance
class ErrorsIT {

    @Test
    void malformedJsonAndWrongTypesAre400() {
        Api.Customer customer = Api.newCustomer("clumsy");
        customer.request().body("{\"items\": [").post("/api/orders").then().statusCode(400)
                .contentType("application/problem+json").body(not(containsString("Exception")));
        customer.request().body("{\"items\":[{\"bookId\":\"" + UUID.randomUUID() + "\",\"quantity\":\"two\"}]}")
                .post("/api/orders").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("items[0].quantity"));
    }

    @Test
    void negativeOrZeroQuantitiesAndEmptyOrdersAre400() {
        Api.Customer customer = Api.newCustomer("negative");
        customer.request().body(Api.order(UUID.randomUUID().toString(), -2)).post("/api/orders").then()
                .statusCode(400).body("errors.field", hasItem("items[0].quantity"));
        customer.request().body(Api.order(UUID.randomUUID().toString(), 0)).post("/api/orders").then()
                .statusCode(400).body("errors.field", hasItem("items[0].quantity"));
        customer.request().body(Map.of("items", List.of())).post("/api/orders").then()
                .statusCode(400).body("errors.field", hasItem("items"));
    }

    @Test
    void anUnknownBookInAnOrderIs400() {
        Api.newCustomer("dreamer").request().body(Api.order(UUID.randomUUID().toString(), 1)).post("/api/orders")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unknownEnumValuesAndHugePagesAre400() {
        Api.Customer customer = Api.newCustomer("lister");
        customer.request().queryParam("status", "LOST").get("/api/orders").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("size", 1_000_000).get("/api/books").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("size"));
    }

    @Test
    void anOversizedBodyIs413() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "x@example.org", "password", "p".repeat(300_000), "displayName", "Big"))
                .post("/api/auth/register").then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413));
    }
}
