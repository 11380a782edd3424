package dev.stranglerbookshop.acceptance;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.StagePlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Extraction must not turn a burst into an outage. 40 parallel logins against a production-cost bcrypt hash (cost 11,
 * about 0.1-0.2 s of CPU each: the burst saturates two cores) first answered in-process ({@code auth=monolith}, what
 * stage 0 does) and then by auth-service ({@code auth=service}): within the same 10 s, the service must serve at least
 * 90 % of what the module served, and a valid login right after the burst succeeds. The client side's bulkhead queues
 * the burst instead of piling it onto the service, where every call would miss its deadline and open the breaker.
 * Runs in the stage 1 execution with {@code auth=service}.
 */
@Acceptance
class BurstIT {

    static final int CALLERS = 40;
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final String PASSWORD = "a production cost password";

    static String configuredRoute;
    static String email;

    @BeforeAll
    static void aProductionCostAccount() throws Exception {
        if (!applies()) {
            return;
        }
        configuredRoute = Api.route("auth");
        email = Api.newCustomer("burst").email();
        // The suite registers with cheap hashes; this account gets the production cost (11), as real users have.
        String hash = BCrypt.with(BCrypt.Version.VERSION_2B).hashToString(11, PASSWORD.toCharArray());
        try (Connection db = DriverManager.getConnection(SystemUnderTest.current().postgres().jdbcUrl("monolith"),
                "monolith", "monolith");
                PreparedStatement update = db.prepareStatement(
                        "UPDATE accounts.accounts SET password_hash = ? WHERE email = ?")) {
            update.setString(1, hash);
            update.setString(2, email);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    @BeforeEach
    void onlyAtStageOneWithTheServiceRoute() {
        assumeTrue(applies(), "the stage 1 execution with auth=service, on a system the suite started");
    }

    private static boolean applies() {
        return SystemUnderTest.stage() == 1 && SystemUnderTest.current().postgres() != null
                && "service".equals(System.getProperty("bookshop.routes.auth",
                        StagePlan.stage(1).route(Capability.AUTH).toString()));
    }

    @AfterAll
    static void restore() {
        if (configuredRoute != null) {
            Api.route("auth", configuredRoute);
        }
    }

    @Test
    void theServiceServesABurstAsTheMonolithDoesAndTheNextLoginSucceeds() {
        Map<String, Integer> monolith = burst("monolith");
        Map<String, Integer> service = burst("service");
        int servedByMonolith = monolith.getOrDefault("200 in time", 0);
        int servedByService = service.getOrDefault("200 in time", 0);
        System.out.printf("Burst of %d logins (bcrypt cost 11), served within %d s: monolith %d %s, auth-service %d "
                + "%s (%.0f %%)%n", CALLERS, WINDOW.toSeconds(), servedByMonolith, monolith, servedByService, service,
                100.0 * servedByService / Math.max(1, servedByMonolith));

        assertThat(servedByMonolith).as("the in-process path serves the burst (positive control)").isPositive();
        assertThat(servedByService).as("auth-service serves at least 90 % of what the module served")
                .isGreaterThanOrEqualTo((int) Math.ceil(0.9 * servedByMonolith));
        assertThat(login().statusCode()).as("a valid login right after the burst").isEqualTo(200);
    }

    /** Answers by kind: "200 in time" (within the window), "200 late", another status, or "no answer". */
    private static Map<String, Integer> burst(String route) {
        Api.route("auth", route);
        assertThat(login().statusCode()).isEqualTo(200); // warm: the route works before the clock starts
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            answers.add(client.sendAsync(request(), HttpResponse.BodyHandlers.discarding())
                    .thenApply(response -> response.statusCode() != 200 ? String.valueOf(response.statusCode())
                            : System.nanoTime() - start <= WINDOW.toNanos() ? "200 in time" : "200 late")
                    .exceptionally(failure -> "no answer"));
        }
        Map<String, Integer> kinds = new TreeMap<>();
        answers.forEach(answer -> kinds.merge(answer.join(), 1, Integer::sum));
        return kinds;
    }

    private static HttpRequest request() {
        return HttpRequest.newBuilder(URI.create(SystemUnderTest.current().url() + "/api/auth/login"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                        + "\"}")).build();
    }

    private static HttpResponse<String> login() {
        try {
            return HttpClient.newHttpClient().send(request(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("login failed to answer", e);
        }
    }
}
