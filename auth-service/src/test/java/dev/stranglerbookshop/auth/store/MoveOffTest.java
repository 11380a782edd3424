package dev.stranglerbookshop.auth.store;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Phase legacy (stages 1-3, the default): one store, so the move's commands are refused with the reason. */
@QuarkusTest
class MoveOffTest {

    @Test
    void theStateSaysLegacyAndTheCommandsAnswer409() {
        given().get("/admin/accounts/move").then().statusCode(200)
                .body("phase", equalTo("legacy")).body("moving", equalTo(false));
        given().get("/admin/accounts/move/verify").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("sync and verify run in dual-write, read-own and write-own"));
        given().post("/admin/accounts/move/sync").then().statusCode(409).contentType("application/problem+json");
    }
}
