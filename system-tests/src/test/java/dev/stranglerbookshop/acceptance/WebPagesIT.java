package dev.stranglerbookshop.acceptance;

import dev.stranglerbookshop.topology.Capability;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shop's and the panel's pages at every stage, over plain HTTP as a browser without JavaScript uses them: the same
 * pages whichever side answers (they only call the public API). The browser tests ({@code *BrowserIT}) drive them in
 * Chromium once, at the highest stage.
 */
@Acceptance
class WebPagesIT {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");

    @Test
    void aCustomerFindsABookBuysItAndReadsTheConfirmationThroughThePages() {
        String word = "Pagewalker" + (System.nanoTime() % 100_000);
        String bookId = Api.newBook("The " + word + " Guide", "A book found and bought through the pages.",
                List.of("web"), "14.20", 5);
        Pages browser = new Pages();
        assertThat(browser.get("/").header("Location")).endsWith("/shop");
        assertThat(browser.get("/shop").asString()).contains("<h1>Books</h1>");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                browser.get("/shop/search?q=" + word + "&inStock=true").asString())
                .contains("/shop/book?id=" + bookId).contains("EUR 14.20"));

        Response registered = browser.post("/shop/register", Map.of("csrf-token", browser.csrf("/shop/register"),
                "displayName", "Page Buyer", "email", Api.uniqueEmail("pages"), "password", Api.PASSWORD));
        assertThat(registered.statusCode()).isEqualTo(303);
        String bookPage = browser.get("/shop/book?id=" + bookId).asString();
        Response bought = browser.post("/shop/orders", Map.of("csrf-token", first(CSRF, bookPage), "bookId", bookId,
                "quantity", "2", "idempotencyKey", first(KEY, bookPage)));
        assertThat(bought.statusCode()).isEqualTo(303);
        assertThat(browser.get("/shop/orders").asString()).contains("Order placed.").contains("EUR 28.40")
                .contains("PLACED");
        assertThat(Api.stockOf(bookId)).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(browser.get("/shop/inbox").asString())
                .containsPattern("<h2>[^<]*[Oo]rder[^<]*</h2>"));
    }

    @Test
    void thePanelShowsThisStageAndTheRoutesInForce() {
        Pages admin = new Pages();
        Response signedIn = admin.post("/shop/sign-in", Map.of("csrf-token", admin.csrf("/shop/sign-in"),
                "email", Api.ADMIN_EMAIL, "password", Api.ADMIN_PASSWORD, "next", "/admin/migration"));
        assertThat(signedIn.header("Location")).endsWith("/admin/migration");
        String panel = admin.get("/admin/migration").then().statusCode(200).extract().asString();
        assertThat(panel).contains("<h1>Migration panel</h1>").contains("Stage " + SystemUnderTest.stage() + " ·");
        for (Capability capability : Capability.values()) {
            assertThat(panel).contains("data-route=\"" + capability.key() + "\">" + Api.route(capability.key())
                    + "<");
        }
    }

    private static String first(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertThat(matcher.find()).as(pattern.pattern()).isTrue();
        return matcher.group(1);
    }

    /** A browser without JavaScript: keeps its cookies, follows no redirect by itself. */
    private static final class Pages {
        private final Map<String, String> cookies = new HashMap<>();

        Response get(String path) {
            return keep(request().get(path));
        }

        Response post(String path, Map<String, String> form) {
            RequestSpecification request = request().contentType(ContentType.URLENC);
            form.forEach(request::formParam);
            return keep(request.post(path));
        }

        String csrf(String page) {
            return first(CSRF, get(page).asString());
        }

        private RequestSpecification request() {
            return given().urlEncodingEnabled(false).redirects().follow(false).cookies(cookies);
        }

        private Response keep(Response response) {
            response.getDetailedCookies().asList().forEach(c -> cookies.put(c.getName(), c.getValue()));
            return response;
        }
    }
}
