package dev.stranglerbookshop.monolith;

import io.restassured.http.ContentType;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test shortcuts through the public API: the monolith's own tests set up data the way a client would. */
public final class Shop {

    public static final String ADMIN_EMAIL = "admin@bookshop.local";
    public static final String ADMIN_PASSWORD = "dev-only-admin-password";
    public static final String PASSWORD = "correct horse battery";

    private Shop() {
    }

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** Registers a new customer and returns their access token. */
    public static String customer(String who) {
        String email = uniqueEmail(who);
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "displayName", who))
                .post("/api/auth/register").then().statusCode(201);
        return login(email, PASSWORD);
    }

    public static String admin() {
        return login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    public static String login(String email, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.51.100." + (1 + (int) (Math.random() * 250)))
                .body(Map.of("email", email, "password", password))
                .post("/api/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    /** Creates a book as admin and returns its id. */
    public static String book(String title, String description, int stock) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("isbn", randomIsbn13(), "title", title, "authors", List.of("Test Author"),
                        "description", description, "tags", List.of("test"), "price", 12.5, "stock", stock))
                .post("/api/books").then().statusCode(201).extract().path("id");
    }

    public static String randomIsbn13() {
        String body = "979" + String.format("%09d", (long) (Math.random() * 1_000_000_000L));
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return body + (10 - sum % 10) % 10;
    }
}
