package dev.stranglerbookshop.monolith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

/** Bad input of every kind answers a problem document with the right status: never a 500, never a stack trace. */
@QuarkusTest
class ErrorsTest {

    @Test
    void malformedJsonIs400() {
        problem(given().contentType(ContentType.JSON).body("{\"email\": ").post("/api/auth/register"), 400,
                "malformed-json");
    }

    @Test
    void aRepeatedKeyOrAnythingAfterTheDocumentIs400() {
        // A repeated key after every field was seen once made Jackson's record binding fail with a 500.
        problem(given().contentType(ContentType.JSON).body("{\"email\":\"a@example.org\",\"password\":\"x\","
                + "\"password\":\"y\"}").post("/api/auth/login"), 400, "malformed-json");
        problem(given().contentType(ContentType.JSON).body("{\"email\":\"a@example.org\",\"email\":\"b@example.org\","
                + "\"password\":\"x\"}").post("/api/auth/login"), 400, "malformed-json");
        problem(given().contentType(ContentType.JSON).body("{\"email\":\"a@example.org\",\"password\":\"x\"}x")
                .post("/api/auth/login"), 400, "malformed-json");
    }

    @Test
    void anEncodedPercentSignInThePathIs400NamingIt() {
        // The framework decodes a path segment twice when asked for decoded segments: "%25" became "%", whose
        // decoding threw, and the request got a 500.
        for (String path : new String[] {"/api/books/%25", "/api/books/%25zz", "/api/orders/%25G1"}) {
            problem(given().urlEncodingEnabled(false).get(path), 400, "validation-failed")
                    .body("errors.field", hasItem("path"));
        }
    }

    @Test
    void nothingIsSilentlyCorrected() {
        // Each of these used to be read as something else: 1.9 as 1 copy, "1" as 1, an id with a NUL or spaces
        // around it as the id, a hostile key in a field the endpoint does not read as nothing at all.
        String token = Shop.customer("corrected");
        String book = Shop.book("The Exact Book", "read as written", 5);
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("items[0].quantity", "{\"items\":[{\"bookId\":\"" + book + "\",\"quantity\":1.9}]}");
        bodies.put("items[0].quantity ", "{\"items\":[{\"bookId\":\"" + book + "\",\"quantity\":\"1\"}]}");
        bodies.put("items[0].bookId", "{\"items\":[{\"bookId\":\"" + book + "\\u0000\",\"quantity\":1}]}");
        bodies.put("items[0].bookId ", "{\"items\":[{\"bookId\":\" " + book + " \",\"quantity\":1}]}");
        bodies.put("note", "{\"note\":{\"a\\u0000\":[\"x\"]},\"items\":[{\"bookId\":\"" + book + "\",\"quantity\":1}]}");
        bodies.put("x\u202e", "{\"x\\u202e\":1,\"items\":[{\"bookId\":\"" + book + "\",\"quantity\":1}]}");
        bodies.forEach((field, body) -> problem(given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/orders"), 400, "validation-failed"));
        given().auth().oauth2(token).get("/api/orders").then().body("total", equalTo(0));
        // The same order, written properly, is fine.
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"items\":[{\"bookId\":\"" + book + "\",\"quantity\":1}]}").post("/api/orders").then()
                .statusCode(201);
    }

    @Test
    void aRawSemicolonInTheQueryIsRefusedNotCut() {
        problem(given().urlEncodingEnabled(false).get("/api/books?sort=title;drop"), 400, "validation-failed")
                .body("errors.field", hasItem("query"));
        given().queryParam("q", "a;b").get("/api/search").then().statusCode(200); // encoded, it is just text
    }

    @Test
    void aWrongTypeNamesTheField() {
        problem(given().auth().oauth2(Shop.customer("typist")).contentType(ContentType.JSON)
                .body("{\"items\":[{\"bookId\":\"" + java.util.UUID.randomUUID() + "\",\"quantity\":\"many\"}]}")
                .post("/api/orders"), 400, "validation-failed")
                .body("errors.field", hasItem("items[0].quantity"));
    }

    @Test
    void validationListsEveryField() {
        problem(given().contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-email", "password", "short", "displayName", ""))
                .post("/api/auth/register"), 400, "validation-failed")
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("password"))
                .body("errors.field", hasItem("displayName"));
    }

    @Test
    void negativeQuantitiesAndUnknownEnumValuesAre400() {
        String token = Shop.customer("negative");
        problem(given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"items\":[{\"bookId\":\"" + java.util.UUID.randomUUID() + "\",\"quantity\":-1}]}")
                .post("/api/orders"), 400, "validation-failed")
                .body("errors.field", hasItem("items[0].quantity"));
        problem(given().auth().oauth2(token).queryParam("status", "LOST").get("/api/orders"), 400,
                "validation-failed");
    }

    @Test
    void hugePagesAndUnknownSortsAre400() {
        problem(given().queryParam("size", 100_000).get("/api/books"), 400, "validation-failed")
                .body("errors.field", hasItem("size"));
        problem(given().queryParam("sort", "password").get("/api/books"), 400, "validation-failed")
                .body("errors.field", hasItem("sort"));
        problem(given().queryParam("size", "lots").get("/api/books"), 400, "validation-failed");
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = "{\"title\":\"" + "x".repeat(200_000) + "\"}";
        problem(given().auth().oauth2(Shop.admin()).contentType(ContentType.JSON).body(huge).post("/api/books"), 413,
                "payload-too-large");
    }

    @Test
    void missingTokenWrongRoleAndUnknownThingsAnswerProblems() {
        problem(given().get("/api/orders"), 401, "unauthenticated");
        problem(given().auth().oauth2(Shop.customer("nosy")).contentType(ContentType.JSON).body("{}")
                .post("/api/books"), 403, "forbidden");
        problem(given().get("/api/books/" + java.util.UUID.randomUUID()), 404, "not-found");
        problem(given().get("/api/books/not-a-uuid"), 400, "validation-failed");
        problem(given().delete("/api/search"), 405, "method-not-allowed");
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status, String type) {
        return response.then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", equalTo("urn:bookshop:problem:" + type))
                .body(not(containsString("at dev.stranglerbookshop")))
                .body(not(containsString("Exception")))
                .body("traceId", matchesPattern("[0-9a-f]{32}")); // README: every problem names its trace
    }
}
