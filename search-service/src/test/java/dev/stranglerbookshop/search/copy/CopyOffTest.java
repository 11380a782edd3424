package dev.stranglerbookshop.search.copy;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** Before stage 4 (the copy off, this service reading the monolith's projection) the copy's handles refuse clearly. */
@QuarkusTest
class CopyOffTest {

    @Test
    void everyCopyHandleAnswers409ProblemNamingTheSetting() {
        given().post("/admin/copy/backfill").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("bookshop.search.copy.enabled=true"));
        given().get("/admin/copy/reconciliation").then().statusCode(409).contentType("application/problem+json");
        given().post("/admin/copy/reconciliation/repair").then().statusCode(409);
        given().get("/admin/copy/lag").then().statusCode(409);
    }
}
