package dev.stranglerbookshop.auth;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class ReadinessTest {

    @Test
    void readinessCoversTheDatabase() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void metricsCarryTheMigrationStage() {
        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("migration_stage=\"0\""));
    }
}
