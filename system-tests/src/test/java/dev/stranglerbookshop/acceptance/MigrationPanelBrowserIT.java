package dev.stranglerbookshop.acceptance;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.Stage;
import dev.stranglerbookshop.topology.StagePlan;
import io.restassured.http.ContentType;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.stranglerbookshop.acceptance.ShopPages.Visitor.ADMIN;
import static dev.stranglerbookshop.acceptance.ShopPages.Visitor.ANONYMOUS;
import static dev.stranglerbookshop.acceptance.ShopPages.Visitor.CUSTOMER;
import static dev.stranglerbookshop.acceptance.ShopPages.at;
import static dev.stranglerbookshop.acceptance.ShopPages.button;
import static dev.stranglerbookshop.acceptance.ShopPages.check;
import static dev.stranglerbookshop.acceptance.ShopPages.field;
import static dev.stranglerbookshop.acceptance.ShopPages.link;
import static dev.stranglerbookshop.acceptance.ShopPages.nav;
import static dev.stranglerbookshop.acceptance.ShopPages.region;
import static dev.stranglerbookshop.acceptance.ShopPages.title;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * The migration panel in a real browser: an admin sees the stage, the picture of the system and every capability's
 * route, moves auth to a canary from the page, and watches the router's counters move as logins arrive, without
 * reloading (server-sent events). A customer is refused it, a stranger is sent to sign in. The system is shared with
 * the rest of the suite: auth's route is put back after every test, through the API.
 */
@Acceptance
class MigrationPanelBrowserIT {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    /** Distinct callers, so a canary splits them; at 50 % both sides get some (all on one: 2 in 2^20). */
    private static final int LOGINS = 20;
    private static final String[] AUTH_COUNTERS = {"auth.requests.monolith", "auth.requests.service",
            "auth.requests.shadow", "auth.shadow.match", "auth.shadow.mismatch", "auth.fallbacks", "auth.breaker",
            "outbox.pending"};

    private String authRoute;

    @BeforeEach
    void rememberAuthRoute() {
        authRoute = Api.route("auth");
    }

    @AfterEach
    void restoreAuthRoute() {
        if (authRoute != null && !authRoute.equals(Api.route("auth"))) {
            Api.route("auth", authRoute);
        }
    }

    @Test
    void theAdminSeesTheSystemMovesAuthToACanaryAndWatchesTheCountersLive() {
        Page page = chromium.page();
        ShopPages.signIn(page, Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        link(nav(page), "Migration panel").click();
        assertThat(page).hasURL(at("/admin/migration"));
        assertThat(title(page, "Migration panel")).isVisible();

        Stage stage = StagePlan.stage(SystemUnderTest.stage());
        Locator main = page.getByRole(AriaRole.MAIN);
        assertThat(main).containsText("Stage " + stage.number());
        assertThat(main).containsText(stage.label());
        Locator picture = page.locator("svg[role='img']");
        assertThat(picture).hasCount(1);
        assertThat(picture).hasAccessibleName(Pattern.compile("\\S"));
        Map<String, String> routes = Api.asAdmin().get("/api/admin/migration").then().statusCode(200)
                .extract().path("routes");
        for (Capability capability : Capability.values()) {
            String key = capability.key();
            String route = routes.get(key);
            // The picture's table, for those who cannot see the picture: each capability and where it goes.
            assertThat(page.locator("table tr").filter(new Locator.FilterOptions().setHasText(key))
                    .filter(new Locator.FilterOptions().setHasText(route)).first()).isAttached();
            Locator section = region(page, key);
            assertThat(section.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName(key)
                    .setExact(true).setLevel(2))).isVisible();
            assertThat(section.locator("[data-route='" + key + "']")).hasText(route);
        }
        for (String counter : AUTH_COUNTERS) {
            assertThat(counter(page, counter)).hasText(Pattern.compile("\\S"));
        }
        assertThat(button(page, "Start demo traffic")).isVisible();
        check(page, "panel", ADMIN);

        Locator auth = region(page, "auth");
        field(auth, "Route").selectOption("canary");
        field(auth, "Canary %").fill("50");
        button(auth, "Apply").click();
        assertThat(auth.locator("[data-route='auth']")).hasText("canary:50");
        Assertions.assertThat(Api.route("auth")).as("the API agrees").isEqualTo("canary:50");
        check(page, "panel-auth-canary", ADMIN);

        // Live: the same document must show the new counts (a reload would forget this mark).
        page.evaluate("() => { window.stillThisDocument = true; }");
        long monolith = number(page, "auth.requests.monolith");
        long service = number(page, "auth.requests.service");
        for (int i = 0; i < LOGINS; i++) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("email", Api.uniqueEmail("panel" + i), "password", "not anybody's password"))
                    .post("/api/auth/login").then().statusCode(401);
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            long toMonolith = number(page, "auth.requests.monolith") - monolith;
            long toService = number(page, "auth.requests.service") - service;
            Assertions.assertThat(toMonolith + toService).as("logins counted on the page")
                    .isGreaterThanOrEqualTo(LOGINS);
            Assertions.assertThat(toMonolith).as("to the monolith").isPositive();
            Assertions.assertThat(toService).as("to auth-service").isPositive();
        });
        Assertions.assertThat(page.evaluate("() => window.stillThisDocument === true")).as("not reloaded")
                .isEqualTo(true);
        check(page, "panel-live", ADMIN);

        page.reload();
        Locator trace = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("trace").setExact(true));
        assertThat(trace.first()).isVisible();
        assertThat(trace.first()).hasAttribute("href", Pattern.compile("\\S"));
    }

    @Test
    void aCustomerIsRefusedThePanel() {
        Api.Customer customer = Api.newCustomer("nosy");
        Page page = chromium.page();
        ShopPages.signIn(page, customer.email(), Api.PASSWORD);
        assertThat(link(nav(page), "Migration panel")).hasCount(0);

        Response response = page.navigate("/admin/migration");
        Assertions.assertThat(response.status()).isEqualTo(403);
        assertThat(title(page, "Migration panel")).hasCount(0);
        assertThat(page.getByRole(AriaRole.MAIN)).containsText(
                Pattern.compile("forbidden|not allowed|permission|admin", Pattern.CASE_INSENSITIVE));
        check(page, "panel-forbidden", CUSTOMER);
    }

    @Test
    void aStrangerIsSentToSignInAndOnToThePanelAfterwards() {
        Page page = chromium.page();
        page.navigate("/admin/migration");
        assertThat(page).hasURL(ShopPages.signInUrl());
        check(page, "panel-sign-in", ANONYMOUS);

        ShopPages.submitSignIn(page, Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        assertThat(page).hasURL(at("/admin/migration"));
        assertThat(title(page, "Migration panel")).isVisible();
    }

    private static Locator counter(Page page, String name) {
        return page.locator("[data-counter='" + name + "']").first(); // the picture may show it too
    }

    /** A counter's value as the page shows it now (grouping separators allowed: the suite logs in thousands). */
    private static long number(Page page, String name) {
        return Long.parseLong(counter(page, name).textContent().replaceAll("[\\s,.\u00a0\u202f']", ""));
    }
}
