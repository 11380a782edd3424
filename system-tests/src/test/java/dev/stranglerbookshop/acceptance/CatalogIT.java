package dev.stranglerbookshop.acceptance;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@Acceptance
class CatalogIT {

    @Test
    void theCatalogIsBrowsablePageByPage() {
        given().queryParam("page", 0).queryParam("size", 5).get("/api/books").then().statusCode(200)
                .body("items", hasSize(5))
                .body("page", equalTo(0))
                .body("size", equalTo(5))
                .body("total", greaterThanOrEqualTo(200));
    }

    @Test
    void booksSortByPriceBothWays() {
        List<Float> ascending = given().queryParam("sort", "price").queryParam("size", 50).get("/api/books")
                .then().statusCode(200).extract().path("items.price");
        List<Float> descending = given().queryParam("sort", "-price").queryParam("size", 50).get("/api/books")
                .then().statusCode(200).extract().path("items.price");
        assertThat(ascending).isSorted();
        assertThat(descending).isSortedAccordingTo((a, b) -> Float.compare(b, a));
    }

    @Test
    void anAdminCreatesEditsAndDeletesABook() {
        String id = Api.newBook("The Acceptance Almanac", "Every year, every test.", List.of("reference"), "19.90", 4);
        given().get("/api/books/" + id).then().statusCode(200)
                .body("title", equalTo("The Acceptance Almanac"))
                .body("price", equalTo(19.9f))
                .body("currency", equalTo("EUR"))
                .body("stock", equalTo(4));

        Api.asAdmin().body(Api.bookJson("The Acceptance Almanac, 2nd ed.", "Revised.", List.of("reference"), "21.00", 9))
                .put("/api/books/" + id).then().statusCode(200).body("stock", equalTo(9));
        given().get("/api/books/" + id).then().body("title", equalTo("The Acceptance Almanac, 2nd ed."));

        Api.asAdmin().delete("/api/books/" + id).then().statusCode(204);
        given().get("/api/books/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void customersCannotEditTheCatalog() {
        Api.Customer customer = Api.newCustomer("vandal");
        customer.request().body(Api.bookJson("Vandalism", "no", List.of("x"), "1.00", 1))
                .post("/api/books").then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/json").body(Api.bookJson("Anonymous", "no", List.of("x"), "1.00", 1))
                .post("/api/books").then().statusCode(401);
    }

    @Test
    void invalidBooksAreRefusedWithEveryFieldNamed() {
        Map<String, Object> invalid = Map.of("isbn", "978-0-306-40615-8", "title", "", "authors", List.of(),
                "price", -1, "stock", -3);
        Api.asAdmin().body(invalid).post("/api/books").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("isbn"))
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("authors"))
                .body("errors.field", hasItem("price"))
                .body("errors.field", hasItem("stock"));
    }

    @Test
    void isbnsAreUniqueWhateverTheirSpelling() {
        Map<String, Object> book = Api.bookJson("Original", "first", List.of("x"), "5.00", 1);
        Api.asAdmin().body(book).post("/api/books").then().statusCode(201);
        String isbn = (String) book.get("isbn");
        Map<String, Object> copy = new java.util.HashMap<>(book);
        copy.put("isbn", isbn.substring(0, 3) + "-" + isbn.substring(3));
        copy.put("title", "Copy");
        Api.asAdmin().body(copy).post("/api/books").then().statusCode(409)
                .body("type", equalTo("urn:bookshop:problem:duplicate-isbn"));
    }

    @Test
    void replacingAndDeletingAreCheckedLikeCreating() {
        String id = Api.newBook("Guarded", "checked on every write", List.of("x"), "5.00", 1);
        Map<String, Object> taken = Api.bookJson("Taken", "its ISBN is in use", List.of("x"), "5.00", 1);
        Api.asAdmin().body(taken).post("/api/books").then().statusCode(201);
        Map<String, Object> clash = new java.util.HashMap<>(Api.bookJson("Guarded", "x", List.of("x"), "5.00", 1));
        clash.put("isbn", taken.get("isbn"));
        Api.Customer customer = Api.newCustomer("meddler");
        String unknown = java.util.UUID.randomUUID().toString();

        Api.asAdmin().body(clash).put("/api/books/" + id).then().statusCode(409)
                .body("type", equalTo("urn:bookshop:problem:duplicate-isbn"));
        Api.asAdmin().body(Map.of("title", "")).put("/api/books/" + id).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("title"));
        Api.asAdmin().body(Api.bookJson("Nowhere", "x", List.of("x"), "5.00", 1)).put("/api/books/" + unknown).then()
                .statusCode(404).contentType("application/problem+json");
        customer.request().body(Api.bookJson("Mine now", "x", List.of("x"), "5.00", 1)).put("/api/books/" + id)
                .then().statusCode(403);
        customer.request().delete("/api/books/" + id).then().statusCode(403);
        Api.asAdmin().delete("/api/books/" + unknown).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/books/" + id).then().statusCode(200).body("title", equalTo("Guarded"));
    }

    @Test
    void laterPagesHoldOtherBooks() {
        List<String> first = given().queryParam("size", 3).queryParam("sort", "isbn").get("/api/books").then()
                .statusCode(200).extract().path("items.id");
        List<String> second = given().queryParam("size", 3).queryParam("page", 1).queryParam("sort", "isbn")
                .get("/api/books").then().statusCode(200).body("page", equalTo(1)).extract().path("items.id");
        assertThat(first).hasSize(3);
        assertThat(second).hasSize(3).doesNotContainAnyElementsOf(first);
    }
}
