package dev.stranglerbookshop.monolith.web;

import dev.stranglerbookshop.monolith.Shop;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's pages over real HTTP, as a browser without JavaScript uses them: forms, redirects, cookies. The pages
 * call the API over loopback, so every answer here went through the same API (and seam) as any client's.
 */
@QuarkusTest
class ShopPagesTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void theFrontDoorIsTheShopAndItPagesTheCatalog() {
        Shop.book("Page test book", "A book the catalog page lists.", 3);
        WebSession browser = new WebSession();
        assertThat(browser.get("/").then().statusCode(303).extract().header("Location")).endsWith("/shop");

        Document first = WebSession.html(browser.get("/shop").then().statusCode(200)
                .contentType("text/html").extract().response());
        assertThat(first.select("h1").text()).isEqualTo("Books");
        assertThat(first.select("a[href^=/shop/book?id=]")).isNotEmpty();
        assertThat(first.select("label[for=q]").text()).isEqualTo("Search");
        if (!first.select("a[rel=next]").isEmpty()) {
            Document second = WebSession.html(browser.get(first.select("a[rel=next]").attr("href")));
            assertThat(second.select("a[rel=prev]").text()).isEqualTo("Previous page");
        }
    }

    @Test
    void aBadQueryIsShownNextToItsFieldAndKeptAsTyped() {
        Response response = new WebSession().get("/shop/search?q=poetry&minPrice=abc&maxPrice=&inStock=true");
        assertThat(response.statusCode()).isEqualTo(400);
        Document page = WebSession.html(response);
        assertThat(page.select("#minPrice").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.select("#minPrice").attr("aria-describedby")).isEqualTo("minPrice-error");
        assertThat(page.select("#minPrice-error").text()).contains("amount");
        assertThat(page.select("#minPrice").attr("value")).isEqualTo("abc");
        assertThat(page.select("#q").hasAttr("aria-invalid")).isFalse();
        assertThat(page.select("#inStock").hasAttr("checked")).isTrue();
        assertThat(page.select("[role=alert]").text()).isNotBlank();
        assertThat(response.asString()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void aBookIdThatIsNoIdNeverReachesAnotherPathOfTheApi() {
        WebSession browser = new WebSession();
        // A control character never gets this far: the text policy refuses it for every path (400 problem).
        new WebSession().get("/shop/book?id=%00").then().statusCode(400);
        for (String id : List.of("..%2F..%2Fapi%2Fadmin%2Fmigration", "x%3Fsize%3D200", "%2e%2e", "")) {
            Response response = browser.get("/shop/book?id=" + id);
            assertThat(response.statusCode()).as(id).isIn(400, 404);
            assertThat(response.contentType()).as(id).startsWith("text/html");
            assertThat(WebSession.html(response).select("h1").text()).as(id).isEqualTo("This book cannot be shown");
        }
    }

    @Test
    void registeringSignsInWithAnHttpOnlySessionCookieAndShowsTheNameEscaped() {
        WebSession browser = new WebSession();
        String csrf = browser.csrf("/shop/register");
        Response registered = browser.post("/shop/register", Map.of("csrf-token", csrf,
                "displayName", "<script>alert(1)</script>", "email", Shop.uniqueEmail("web"),
                "password", Shop.PASSWORD));
        assertThat(registered.statusCode()).isEqualTo(303);
        assertThat(registered.header("Location")).endsWith("/shop");
        Cookie session = registered.getDetailedCookie("bookshop_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualToIgnoringCase("Lax");
        assertThat(session.getPath()).isEqualTo("/");
        assertThat(session.getMaxAge()).isEqualTo(600);

        Response shop = browser.get("/shop");
        assertThat(shop.asString()).doesNotContain("<script>alert(1)</script>");
        Document page = WebSession.html(shop);
        assertThat(page.select(".who").text()).isEqualTo("Signed in as <script>alert(1)</script>");
        assertThat(page.select("[role=status]").text()).startsWith("Welcome");
        assertThat(page.select("script:containsData(alert)")).isEmpty();
        // The notice is shown once.
        assertThat(WebSession.html(browser.get("/shop")).select("[role=status]")).isEmpty();
    }

    @Test
    void aRefusedRegistrationShowsEachErrorNextToItsFieldAndNeverEchoesThePassword() {
        WebSession browser = new WebSession();
        String csrf = browser.csrf("/shop/register");
        Response refused = browser.post("/shop/register", Map.of("csrf-token", csrf, "displayName", "Short",
                "email", "short@example.org", "password", "tiny-pw"));
        assertThat(refused.statusCode()).isEqualTo(400);
        Document page = WebSession.html(refused);
        assertThat(page.select("#password").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.select("#password-error").text()).contains("10");
        assertThat(page.select("#email").hasAttr("aria-invalid")).isFalse();
        assertThat(page.select("#email").attr("value")).isEqualTo("short@example.org");
        assertThat(page.select("#password").hasAttr("value")).isFalse();
        assertThat(refused.asString()).doesNotContain("tiny-pw");
        assertThat(refused.getDetailedCookie("bookshop_session")).isNull();
    }

    @Test
    void aWrongPasswordIsAnAlertAndStartsNoSession() {
        WebSession browser = new WebSession();
        String csrf = browser.csrf("/shop/sign-in");
        Response refused = browser.post("/shop/sign-in", Map.of("csrf-token", csrf, "email", Shop.ADMIN_EMAIL,
                "password", "not the password", "next", "/shop"));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(WebSession.html(refused).select("[role=alert]").text()).isNotBlank();
        assertThat(browser.cookie("bookshop_session")).isNull();
    }

    @Test
    void aFormWithoutThisBrowsersCsrfTokenChangesNothing() {
        WebSession browser = new WebSession();
        browser.csrf("/shop/sign-in");
        Map<String, String> credentials = Map.of("email", Shop.ADMIN_EMAIL, "password", Shop.ADMIN_PASSWORD);
        Response noToken = browser.post("/shop/sign-in", credentials);
        assertThat(noToken.statusCode()).isEqualTo(400);
        assertThat(WebSession.html(noToken).select("h1").text()).isEqualTo("This form has expired");
        Response othersToken = browser.post("/shop/sign-in", Map.of("csrf-token", new WebSession().csrf("/shop/sign-in"),
                "email", Shop.ADMIN_EMAIL, "password", Shop.ADMIN_PASSWORD));
        assertThat(othersToken.statusCode()).isEqualTo(400);
        assertThat(browser.cookie("bookshop_session")).isNull();
        // The JSON API is not a form: bearer tokens are not sent by a browser by itself, so no CSRF token is asked.
        given().contentType("application/json").body(credentials).post("/api/auth/login").then().statusCode(200);
    }

    @Test
    void signingInComesBackToThePageThatAskedAndOnlyToThisSite() {
        for (String next : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:x")) {
            WebSession browser = new WebSession();
            Response signedIn = browser.post("/shop/sign-in", Map.of("csrf-token", browser.csrf("/shop/sign-in"),
                    "email", Shop.ADMIN_EMAIL, "password", Shop.ADMIN_PASSWORD, "next", next));
            assertThat(signedIn.statusCode()).as(next).isEqualTo(303);
            assertThat(signedIn.header("Location")).as(next).endsWith("/shop").doesNotContain("evil");
        }
        WebSession browser = new WebSession();
        assertThat(browser.get("/shop/orders").then().statusCode(303).extract().header("Location"))
                .endsWith("/shop/sign-in?next=%2Fshop%2Forders");
        Document form = WebSession.html(browser.get("/shop/sign-in?next=%2Fshop%2Forders"));
        Response signedIn = browser.post("/shop/sign-in", Map.of("csrf-token",
                form.select("input[name=csrf-token]").attr("value"), "email", Shop.ADMIN_EMAIL,
                "password", Shop.ADMIN_PASSWORD, "next", form.select("input[name=next]").attr("value")));
        assertThat(signedIn.header("Location")).endsWith("/shop/orders");
        assertThat(WebSession.html(browser.get("/shop/orders")).select("h1").text()).isEqualTo("My orders");
    }

    @Test
    void buyingTwiceFromOneBookPagePlacesOneOrderWhichThePagesCancel() {
        String bookId = Shop.book("Bought twice", "A book bought with one form sent twice.", 5);
        WebSession browser = signedInCustomer();
        Document bookPage = WebSession.html(browser.get("/shop/book?id=" + bookId));
        assertThat(bookPage.select("h1").text()).isEqualTo("Bought twice");
        Map<String, String> buy = Map.of("csrf-token", bookPage.select("input[name=csrf-token]").attr("value"),
                "bookId", bookId, "quantity", "2",
                "idempotencyKey", bookPage.select("input[name=idempotencyKey]").attr("value"));
        for (int click = 0; click < 2; click++) {
            Response bought = browser.post("/shop/orders", buy);
            assertThat(bought.statusCode()).isEqualTo(303);
            assertThat(bought.header("Location")).endsWith("/shop/orders");
        }
        Document orders = WebSession.html(browser.get("/shop/orders"));
        assertThat(orders.select("[role=status]").text()).isEqualTo("Order placed.");
        assertThat(orders.select("tr[data-order-id]")).hasSize(1);
        assertThat(orders.select("tr[data-order-id] .status").text()).isEqualTo("PLACED");
        assertThat(orders.select("tr[data-order-id]").text()).contains("EUR 25.00");

        String orderId = orders.select("tr[data-order-id]").attr("data-order-id");
        Response cancelled = browser.post("/shop/orders/" + orderId + "/cancel", Map.of("csrf-token",
                orders.select("input[name=csrf-token]").attr("value")));
        assertThat(cancelled.statusCode()).isEqualTo(303);
        Document after = WebSession.html(browser.get("/shop/orders"));
        assertThat(after.select("tr[data-order-id] .status").text()).isEqualTo("CANCELLED");
        assertThat(after.select("tr[data-order-id] button")).isEmpty();
    }

    @Test
    void aRefusedQuantityIsShownNextToItAndTheCorrectedFormIsANewRequest() {
        String bookId = Shop.book("Refused quantity", "A book ordered with a bad quantity first.", 5);
        WebSession browser = signedInCustomer();
        Document bookPage = WebSession.html(browser.get("/shop/book?id=" + bookId));
        String csrf = bookPage.select("input[name=csrf-token]").attr("value");
        String key = bookPage.select("input[name=idempotencyKey]").attr("value");
        Response refused = browser.post("/shop/orders", Map.of("csrf-token", csrf, "bookId", bookId,
                "quantity", "0", "idempotencyKey", key));
        assertThat(refused.statusCode()).isEqualTo(400);
        Document page = WebSession.html(refused);
        assertThat(page.select("#quantity").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.select("#quantity-error").text()).isNotBlank();
        String newKey = page.select("input[name=idempotencyKey]").attr("value");
        assertThat(newKey).isNotEqualTo(key);
        assertThat(browser.post("/shop/orders", Map.of("csrf-token", csrf, "bookId", bookId, "quantity", "1",
                "idempotencyKey", newKey)).statusCode()).isEqualTo(303);
    }

    @Test
    void signedOutBuyingGoesToSignInAndBackToTheBook() {
        String bookId = Shop.book("Signed out buy", "A book a signed-out visitor tries to buy.", 5);
        WebSession browser = new WebSession();
        Document bookPage = WebSession.html(browser.get("/shop/book?id=" + bookId));
        Response bought = browser.post("/shop/orders", Map.of("csrf-token",
                bookPage.select("input[name=csrf-token]").attr("value"), "bookId", bookId, "quantity", "1",
                "idempotencyKey", bookPage.select("input[name=idempotencyKey]").attr("value")));
        assertThat(bought.statusCode()).isEqualTo(303);
        assertThat(bought.header("Location")).endsWith("/shop/sign-in?next=%2Fshop%2Fbook%3Fid%3D" + bookId);
    }

    @Test
    void theInboxShowsTheWelcomeMail() {
        WebSession browser = signedInCustomer();
        Document inbox = WebSession.html(browser.get("/shop/inbox"));
        assertThat(inbox.select("h1").text()).isEqualTo("Inbox");
        assertThat(inbox.select("article h2").text()).contains("Welcome");
    }

    @Test
    void aWriteThatIsNoFormIsRefusedBeforeItCanSkipTheCsrfCheck() throws Exception {
        WebSession browser = signedInCustomer();
        String bookId = Shop.book("No form", "A book whose order is cancelled without a form.", 5);
        Document bookPage = WebSession.html(browser.get("/shop/book?id=" + bookId));
        browser.post("/shop/orders", Map.of("csrf-token", bookPage.select("input[name=csrf-token]").attr("value"),
                "bookId", bookId, "quantity", "1", "idempotencyKey", bookPage.select("input[name=idempotencyKey]")
                        .attr("value"))).then().statusCode(303);
        String orderId = WebSession.html(browser.get("/shop/orders")).select("tr[data-order-id]").attr("data-order-id");
        for (String path : List.of("/shop/orders/" + orderId + "/cancel", "/shop/sign-out")) {
            // Exactly what a script on another port of this host could send: a bodiless POST, no content type.
            HttpResponse<String> bare = HttpClient.newHttpClient().send(HttpRequest.newBuilder(root.toURI()
                    .resolve(path)).POST(HttpRequest.BodyPublishers.noBody())
                    .header("Cookie", "bookshop_session=" + browser.cookie("bookshop_session") + "; bookshop_csrf="
                            + browser.cookie("bookshop_csrf")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bare.statusCode()).as(path).isEqualTo(415);
            assertThat(bare.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("text/html");
        }
        assertThat(WebSession.html(browser.get("/shop/orders")).select("tr[data-order-id] .status").text())
                .isEqualTo("PLACED");
    }

    @Test
    void aForgedCsrfTokenWhileSignedInIsAPageSayingSoNotA500() {
        WebSession browser = signedInCustomer();
        Response refused = io.restassured.RestAssured.given().redirects().follow(false)
                .cookie("bookshop_session", browser.cookie("bookshop_session"))
                .cookie("bookshop_csrf", "AAAAAAAAAAAAAAAAAAAAAA").contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", "BBBBBBBBBBBBBBBBBBBBBB").post("/shop/sign-out");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(WebSession.html(refused).select("h1").text()).isEqualTo("This form has expired");
    }

    @Test
    void whatOtherSitesOnThisHostCanPlantOrSendChangesNothingHere() {
        WebSession browser = new WebSession();
        // A notice cookie this shop never wrote (cookies are shared by every port of a host): ignored, not a 500.
        Response planted = io.restassured.RestAssured.given().cookie("bookshop_notice", "%zz").get("/shop");
        assertThat(planted.statusCode()).isEqualTo(200);
        // A redirect never names the host the request claimed.
        Response home = io.restassured.RestAssured.given().redirects().follow(false).header("Host", "evil.example")
                .get("/");
        assertThat(home.header("Location")).isEqualTo("/shop");
        Response page = browser.get("/shop");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        // A sign-in asked from a page whose address has spaces or braces still signs in (it went to a 500).
        Response signedIn = browser.post("/shop/sign-in", Map.of("csrf-token", browser.csrf("/shop/sign-in"),
                "email", Shop.ADMIN_EMAIL, "password", Shop.ADMIN_PASSWORD, "next", "/shop/search?q=two words{}"));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.header("Location")).isEqualTo("/shop");
    }

    @Test
    void aSearchNeedsWordsAndSaysSoNextToTheField() {
        Document page = WebSession.html(new WebSession().get("/shop/search?q=&minPrice=5").then().statusCode(400)
                .extract().response());
        assertThat(page.select("#q").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.select("#q-error").text()).startsWith("Type a word");
        assertThat(page.select("#minPrice").attr("value")).isEqualTo("5");
    }

    @Test
    void aQuantityIsReadAsAPersonTypesItAndASoldOutBookOffersNoBuy() {
        String bookId = Shop.book("Spaced quantity", "A book ordered with spaces around its quantity.", 5);
        WebSession browser = signedInCustomer();
        Document bookPage = WebSession.html(browser.get("/shop/book?id=" + bookId));
        String csrf = bookPage.select("input[name=csrf-token]").attr("value");
        assertThat(browser.post("/shop/orders", Map.of("csrf-token", csrf, "bookId", bookId, "quantity", "  5 ",
                "idempotencyKey", bookPage.select("input[name=idempotencyKey]").attr("value"))).statusCode())
                .isEqualTo(303);
        Document soldOut = WebSession.html(browser.get("/shop/book?id=" + bookId));
        assertThat(soldOut.text()).contains("In stock: 0").contains("Sold out");
        assertThat(soldOut.select("button:contains(Buy)")).isEmpty();
        Response blank = browser.post("/shop/orders", Map.of("csrf-token", csrf, "bookId", bookId, "quantity", " ",
                "idempotencyKey", soldOut.select("input[name=idempotencyKey]").attr("value")));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(WebSession.html(blank).select("#quantity-error").text()).contains("how many");
    }

    @Test
    void myOrdersPageOnLikeTheCatalog() {
        String bookId = Shop.book("Many orders", "A book ordered often.", 100);
        WebSession browser = signedInCustomer();
        String token = Shop.login(browser.email(), Shop.PASSWORD);
        for (int i = 0; i < 21; i++) {
            given().auth().oauth2(token).contentType("application/json")
                    .body(Map.of("items", List.of(Map.of("bookId", bookId, "quantity", 1))))
                    .post("/api/orders").then().statusCode(201);
        }
        Document first = WebSession.html(browser.get("/shop/orders"));
        assertThat(first.select("tr[data-order-id]")).hasSize(20);
        assertThat(first.select("caption").text()).startsWith("21 orders");
        Document second = WebSession.html(browser.get(first.select("a[rel=next]").attr("href")));
        assertThat(second.select("tr[data-order-id]")).hasSize(1);
        assertThat(second.select("a[rel=prev]").text()).isEqualTo("Previous page");
    }

    static WebSession signedInCustomer() {
        WebSession browser = new WebSession();
        String email = Shop.uniqueEmail("web");
        browser.remember(email);
        Response registered = browser.post("/shop/register", Map.of("csrf-token", browser.csrf("/shop/register"),
                "displayName", "Web customer", "email", email, "password", Shop.PASSWORD));
        assertThat(registered.statusCode()).isEqualTo(303);
        return browser;
    }
}
