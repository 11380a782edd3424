package dev.stranglerbookshop.acceptance;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** The acceptance suite's vocabulary: what a client of the public API does, nothing more. */
final class Api {

    static final String PASSWORD = "correct horse battery";
    static final String ADMIN_EMAIL = System.getProperty("bookshop.admin.email", "admin@bookshop.local");
    static final String ADMIN_PASSWORD = System.getProperty("bookshop.admin.password", "dev-only-admin-password");

    private Api() {
    }

    static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** A newly registered customer, logged in. */
    record Customer(String email, String token) {
        RequestSpecification request() {
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }
    }

    static Customer newCustomer(String who) {
        String email = uniqueEmail(who);
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "displayName", who))
                .post("/api/auth/register").then().statusCode(201);
        return new Customer(email, login(email, PASSWORD));
    }

    static String login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    static RequestSpecification asAdmin() {
        return given().auth().oauth2(login(ADMIN_EMAIL, ADMIN_PASSWORD)).contentType(ContentType.JSON);
    }

    static Map<String, Object> bookJson(String title, String description, List<String> tags, String price, int stock) {
        return Map.of("isbn", isbn13(), "title", title, "authors", List.of("Acceptance Author"),
                "description", description, "tags", tags, "price", new BigDecimal(price), "stock", stock);
    }

    /** Creates a book as admin; returns its id. */
    static String newBook(String title, String description, List<String> tags, String price, int stock) {
        return asAdmin().body(bookJson(title, description, tags, price, stock))
                .post("/api/books").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> order(String bookId, int quantity) {
        return Map.of("items", List.of(Map.of("bookId", bookId, "quantity", quantity)));
    }

    static int stockOf(String bookId) {
        return given().get("/api/books/" + bookId).then().statusCode(200).extract().path("stock");
    }

    /**
     * Sum of a Prometheus counter over the series whose labels contain {@code labelFilter}, from the monolith's
     * {@code /q/metrics}. The value is the token right after the labels (an exemplar may follow it).
     */
    static double metric(String name, String... labelFilters) {
        return metric(given(), name, labelFilters);
    }

    /**
     * The same, from another service's {@code /q/metrics} (e.g. {@code given().baseUri(...)}); every filter (e.g.
     * {@code outcome="match"}) must be among the series' labels.
     */
    static double metric(RequestSpecification service, String name, String... labelFilters) {
        return service.get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> java.util.Arrays.stream(labelFilters).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf("} ") + 2).split(" ")[0]))
                .sum();
    }

    /** The route of a capability now (admin API). */
    static String route(String capability) {
        return asAdmin().get("/api/admin/migration").then().statusCode(200).extract().path("routes." + capability);
    }

    /** Moves a capability (admin API): {@code monolith}, {@code shadow}, {@code canary:N} or {@code service}. */
    static void route(String capability, String route) {
        asAdmin().body(Map.of("routes", Map.of(capability, route))).put("/api/admin/migration").then().statusCode(200);
    }

    /** Text with control and non-ASCII characters shown as {@code \\uXXXX}, for messages. */
    static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c)
                : String.valueOf((char) c)));
        return out.toString();
    }

    /** A random valid ISBN-13 (prefix 9798, so it cannot clash with the seed catalog's). */
    static String isbn13() {
        String body = "9798" + String.format("%08d", ThreadLocalRandom.current().nextLong(100_000_000L));
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return body + (10 - sum % 10) % 10;
    }
}
