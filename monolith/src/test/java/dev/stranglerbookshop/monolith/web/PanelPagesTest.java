package dev.stranglerbookshop.monolith.web;

import dev.stranglerbookshop.monolith.Shop;
import dev.stranglerbookshop.monolith.migration.StranglerRouter;
import dev.stranglerbookshop.monolith.migration.StranglerSeamTest;
import dev.stranglerbookshop.monolith.web.internal.DemoTraffic;
import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.Route;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The migration panel at stage 3 (the seam's test profile: search-service scripted), over real HTTP: who may see it,
 * the picture drawn from the stage plan, a route changed through its form, the live figures pushed by server-sent
 * events, and the bounded demo traffic.
 */
@QuarkusTest
@TestProfile(StranglerSeamTest.AtStageThree.class)
class PanelPagesTest {

    private static final Pattern SEARCH_SERVICE_COUNT = Pattern.compile(
            "data-counter=\"search\\.requests\\.service\">(\\d+)<");

    @Inject
    StranglerRouter router;

    @Inject
    DemoTraffic demo;

    @TestHTTPResource("/")
    URL root;

    @AfterEach
    void stageRoutes() {
        router.change(Map.of(Capability.SEARCH, Route.SERVICE), "test");
        await().atMost(Duration.ofSeconds(90)).until(() -> !demo.running());
    }

    @Test
    void onlyAnAdministratorSeesThePanelOrItsEvents() {
        WebSession anonymous = new WebSession();
        assertThat(anonymous.get("/admin/migration").then().statusCode(303).extract().header("Location"))
                .endsWith("/shop/sign-in?next=%2Fadmin%2Fmigration");
        anonymous.get("/admin/migration/events").then().statusCode(403);

        WebSession customer = ShopPagesTest.signedInCustomer();
        Response refused = customer.get("/admin/migration");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(WebSession.html(refused).select("h1").text()).isEqualTo("Administrators only");
        customer.get("/admin/migration/events").then().statusCode(403);
        Response moved = customer.post("/admin/migration/routes", Map.of("csrf-token",
                customer.csrf("/shop"), "capability", "search", "route", "monolith"));
        assertThat(moved.statusCode()).isEqualTo(403);
        assertThat(router.routes().get(Capability.SEARCH)).isEqualTo(Route.SERVICE);
    }

    @Test
    void thePictureIsTheStagePlansAndEveryCapabilityHasItsRouteAndFigures() {
        Document panel = WebSession.html(admin().get("/admin/migration").then().statusCode(200).extract().response());
        assertThat(panel.select("h1").text()).isEqualTo("Migration panel");
        assertThat(panel.select(".stage").text()).startsWith("Stage 3 · search-extracted");
        assertThat(panel.select("svg[role=img] title").text()).startsWith("Stage 3");
        assertThat(panel.select("svg .box:not(.idle)")).hasSize(4);
        assertThat(panel.select(".picture-table tbody tr")).hasSize(3);
        assertThat(panel.select(".picture-table tbody tr:has(th:contains(search))").text())
                .contains("search-service").contains("search read-only");
        for (Capability capability : Capability.values()) {
            String key = capability.key();
            assertThat(panel.select("section[aria-labelledby=" + key + "-heading] h2").text()).isEqualTo(key);
            assertThat(panel.select("[data-route=" + key + "]").text()).isEqualTo(router.routes().get(capability)
                    .toString());
            assertThat(panel.select("[data-counter=" + key + ".requests.monolith]").text()).matches("\\d+");
            assertThat(panel.select("[data-counter=" + key + ".breaker]").text())
                    .isIn("none", "closed", "open", "half_open");
        }
        assertThat(panel.select("#notifications-route option[value=canary]").hasAttr("disabled")).isTrue();
        assertThat(panel.select("[data-counter=outbox.pending]").text()).matches("\\d+");
    }

    @Test
    void aRouteChangedThroughTheFormIsTheRoutersAndARefusedOneChangesNothing() {
        WebSession admin = admin();
        String csrf = admin.csrf("/admin/migration");
        Response moved = admin.post("/admin/migration/routes", Map.of("csrf-token", csrf, "capability", "search",
                "route", "canary", "percent", "30"));
        assertThat(moved.statusCode()).isEqualTo(303);
        assertThat(router.routes().get(Capability.SEARCH)).isEqualTo(Route.canary(30));
        Document panel = WebSession.html(admin.get("/admin/migration"));
        assertThat(panel.select("[role=status]").text()).isEqualTo("search now routes canary:30.");
        assertThat(panel.select("[data-route=search]").text()).isEqualTo("canary:30");
        assertThat(panel.select("#search-route option[selected]").attr("value")).isEqualTo("canary");
        assertThat(panel.select("#search-percent").attr("value")).isEqualTo("30");
        given().auth().oauth2(Shop.admin()).get("/api/admin/migration/changes?limit=1").then().statusCode(200)
                .body("[0].to", org.hamcrest.Matchers.equalTo("canary:30"))
                .body("[0].by", org.hamcrest.Matchers.equalTo(Shop.ADMIN_EMAIL));

        Response refused = admin.post("/admin/migration/routes", Map.of("csrf-token", csrf,
                "capability", "notifications", "route", "canary", "percent", "50"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(WebSession.html(refused).text()).contains("takes no canary");
        Response nonsense = admin.post("/admin/migration/routes", Map.of("csrf-token", csrf,
                "capability", "search", "route", "canary", "percent", "300"));
        assertThat(nonsense.statusCode()).isEqualTo(400);
        assertThat(router.routes().get(Capability.SEARCH)).isEqualTo(Route.canary(30));
    }

    @Test
    void theEventStreamPushesEachCapabilitysFiguresAsTheyMove() throws Exception {
        WebSession admin = admin();
        HttpRequest events = HttpRequest.newBuilder(URI.create(root + "admin/migration/events"))
                .header("Cookie", "bookshop_session=" + admin.cookie("bookshop_session"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient().send(events,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        var reader = Executors.newSingleThreadExecutor();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            long before = nextSearchServiceCount(lines, reader);
            for (int i = 0; i < 3; i++) {
                given().get("/api/search?q=zyzzyvaqx").then().statusCode(200);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> nextSearchServiceCount(lines, reader) >= before + 3);
        } finally {
            reader.shutdownNow();
            stream.body().close();
        }
    }

    @Test
    void demoTrafficRunsOnceAtATimeOnLoopbackAndStopsByItself() {
        Shop.book("Demo stock", "A book the demo traffic can order.", 50);
        WebSession admin = admin();
        String csrf = admin.csrf("/admin/migration");
        Response started = admin.post("/admin/migration/demo-traffic", Map.of("csrf-token", csrf));
        assertThat(started.statusCode()).isEqualTo(303);
        assertThat(WebSession.html(admin.get("/admin/migration")).select("[role=status]").text())
                .startsWith("Demo traffic started");
        admin.post("/admin/migration/demo-traffic", Map.of("csrf-token", csrf));
        assertThat(WebSession.html(admin.get("/admin/migration")).select("[role=status]").text())
                .startsWith("Demo traffic is already running");
        assertThatThrownBy(() -> demo.start(URI.create("http://example.org:8080")))
                .isInstanceOf(IllegalArgumentException.class);
        await().atMost(Duration.ofSeconds(90)).until(() -> !demo.running());
        // 3 s at 5 calls a second: a sign-in, then orders (each cancelled at once), from its own address.
        assertThat(demo.status()).matches("off \\(last run: \\d+ calls, [1-9]\\d* orders\\)");
    }

    /** The search-service count in the next {@code figures-search} event (reads at most 10 s). */
    private static long nextSearchServiceCount(BufferedReader lines, java.util.concurrent.ExecutorService reader)
            throws Exception {
        Future<Long> next = reader.submit(() -> {
            boolean search = false;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    search = line.equals("event:figures-search");
                } else if (search && line.startsWith("data:")) {
                    Matcher count = SEARCH_SERVICE_COUNT.matcher(line);
                    assertThat(count.find()).as(line).isTrue();
                    return Long.parseLong(count.group(1));
                }
            }
            throw new AssertionError("the event stream ended");
        });
        return next.get(10, TimeUnit.SECONDS);
    }

    private static WebSession admin() {
        WebSession admin = new WebSession();
        Response signedIn = admin.post("/shop/sign-in", Map.of("csrf-token", admin.csrf("/shop/sign-in"),
                "email", Shop.ADMIN_EMAIL, "password", Shop.ADMIN_PASSWORD, "next", "/admin/migration"));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        return admin;
    }
}
