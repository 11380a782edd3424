package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.platform.strangler.ShadowComparisons;
import dev.stranglerbookshop.proto.common.v1.Money;
import dev.stranglerbookshop.proto.search.v1.SearchHit;
import dev.stranglerbookshop.proto.search.v1.SearchResponse;
import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.Route;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.stranglerbookshop.monolith.migration.ScriptedSearchService.Script.answering;
import static dev.stranglerbookshop.monolith.migration.ScriptedSearchService.Script.failing;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one strangler seam, through the public API, with search as the capability and a scripted search-service on a
 * real gRPC server: every route mode, the circuit breaker counting only infrastructure failures, deadlines, and the
 * bulkhead's queue. Auth and notifications run on the same code (the acceptance suite runs them for real).
 */
@QuarkusTest
@TestProfile(StranglerSeamTest.AtStageThree.class)
public class StranglerSeamTest {

    /** A word no book has: the module answers "nothing found" (total 0), so a scripted empty answer matches it. */
    private static final String NOTHING = "zyzzyvaqx";

    public static class AtStageThree implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bookshop.stage", "3",
                    "bookshop.migration.routes.auth", "monolith",
                    "bookshop.migration.routes.notifications", "monolith",
                    // Well above the scripted delays (200-250 ms): a loaded 2-core machine must not turn a slow
                    // answer into a deadline miss, which the breaker would count.
                    "bookshop.migration.calls.search.deadline", "PT1S",
                    "bookshop.migration.calls.search.concurrency", "2",
                    "bookshop.migration.calls.search.queue", "2",
                    "bookshop.migration.calls.search.queue-timeout", "PT1.5S",
                    "bookshop.migration.calls.search.breaker.delay", "PT0.5S",
                    // The panel's demo traffic, started by its test, must be over before the next test counts calls.
                    "bookshop.web.demo-traffic.duration", "PT3S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ScriptedSearchService.class));
        }
    }

    @Inject
    StranglerRouter router;

    @Inject
    MeterRegistry meters;

    @Inject
    ShadowComparisons shadows;

    @BeforeEach
    void aHealthyServiceOnTheServiceRoute() {
        router.change(Map.of(Capability.SEARCH, Route.SERVICE), "test");
        ScriptedSearchService.script(answering(SearchResponse.getDefaultInstance()));
        // A breaker left open by another test closes after its delay and one good call.
        await().atMost(Duration.ofSeconds(5)).until(() -> search(NOTHING).statusCode() == 200);
    }

    @Test
    void theServiceRouteAnswersFromTheServiceInTheModulesTerms() {
        UUID id = UUID.randomUUID();
        ScriptedSearchService.script(answering(SearchResponse.newBuilder().setTotal(41).addHits(SearchHit.newBuilder()
                .setBookId(id.toString()).setIsbn("9780000000002").setTitle("Scripted").addAuthors("A. Writer")
                .addTags("test").setPrice(Money.newBuilder().setCurrencyCode("EUR").setAmount("12.50"))
                .setInStock(true).setScore(0.5)).build()));
        Response answer = search("anything");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.jsonPath().getLong("total")).isEqualTo(41);
        assertThat(answer.jsonPath().getString("items[0].id")).isEqualTo(id.toString());
        assertThat(answer.asString()).contains("\"price\":12.50", "\"currency\":\"EUR\"", "\"isbn\":\"9780000000002\"");
        assertThat(answer.jsonPath().getDouble("items[0].score")).isEqualTo(0.5);
    }

    @Test
    void answersAboutTheRequestNeverOpenTheBreaker() {
        for (Status status : List.of(Status.INVALID_ARGUMENT.withDescription("q: scripted"), Status.NOT_FOUND,
                Status.ALREADY_EXISTS, Status.FAILED_PRECONDITION, Status.UNAUTHENTICATED,
                Status.RESOURCE_EXHAUSTED)) {
            ScriptedSearchService.script(failing(status));
            int before = ScriptedSearchService.calls();
            for (int i = 0; i < 10; i++) {
                assertThat(search(NOTHING).statusCode()).as(status.getCode().toString()).isBetween(400, 499);
            }
            assertThat(ScriptedSearchService.calls() - before).as("every call reached the service")
                    .isEqualTo(10);
        }
        ScriptedSearchService.script(answering(SearchResponse.getDefaultInstance()));
        assertThat(search(NOTHING).statusCode()).as("60 answers later, the next caller is served").isEqualTo(200);
    }

    @Test
    void aFailureOnOneRequestIs503ButDoesNotOpenTheBreaker() {
        ScriptedSearchService.script(failing(Status.INTERNAL.withDescription("scripted bug")));
        int before = ScriptedSearchService.calls();
        for (int i = 0; i < 20; i++) {
            assertThat(search(NOTHING).statusCode()).isEqualTo(503);
        }
        assertThat(ScriptedSearchService.calls() - before).as("no call was refused by an open breaker").isEqualTo(20);
    }

    @Test
    void infrastructureFailuresOpenTheBreakerWhichHalfOpensAfterItsDelay() {
        ScriptedSearchService.script(failing(Status.UNAVAILABLE));
        for (int i = 0; i < 4; i++) {
            assertThat(search(NOTHING).statusCode()).isEqualTo(503);
        }
        int before = ScriptedSearchService.calls();
        Response refused = search(NOTHING);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(ScriptedSearchService.calls()).as("the open breaker answers without calling").isEqualTo(before);

        ScriptedSearchService.script(answering(SearchResponse.getDefaultInstance()));
        await().atMost(Duration.ofSeconds(3)).until(() -> search(NOTHING).statusCode() == 200);
        assertThat(ScriptedSearchService.calls()).as("half-open: a trial call went through").isGreaterThan(before);
    }

    @Test
    void aBurstMeetingAHalfOpenBreakerWaitsForTheTrialInsteadOfFailing() throws Exception {
        ScriptedSearchService.script(failing(Status.UNAVAILABLE));
        for (int i = 0; i < 4; i++) {
            search(NOTHING);
        }
        assertThat(search(NOTHING).statusCode()).as("open").isEqualTo(503);
        // Recovered, a little slow: the trial call takes 200 ms, and the burst arrives while it runs.
        ScriptedSearchService.script(answering(SearchResponse.getDefaultInstance()).after(Duration.ofMillis(200)));
        Thread.sleep(700); // the breaker's delay (0.5 s) has passed: the next call is the trial
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> burst = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                burst.add(() -> search(NOTHING).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : clients.invokeAll(burst)) {
                statuses.add(answer.get());
            }
            assertThat(statuses).as("one trial call, three waiting for it").containsOnly(200);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aHungServiceIsCutOffAtTheDeadline() {
        ScriptedSearchService.script(answering(SearchResponse.getDefaultInstance()).after(Duration.ofSeconds(5)));
        long start = System.nanoTime();
        Response answer = search(NOTHING);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(tookMs).as("deadline 1 s, not the hung service's 5 s").isLessThan(3_000);
    }

    @Test
    void aCanaryFallsBackToTheModuleWhenTheServiceCannotAnswer() {
        router.change(Map.of(Capability.SEARCH, Route.canary(100)), "test");
        ScriptedSearchService.script(failing(Status.UNAVAILABLE));
        double before = fallbacks();
        Response answer = search(NOTHING);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.jsonPath().getLong("total")).isZero();
        assertThat(fallbacks()).isEqualTo(before + 1);
    }

    @Test
    void shadowComparesBothAnswersAndTheModuleAnswers() {
        router.change(Map.of(Capability.SEARCH, Route.SHADOW), "test");
        long matches = shadows.count("search", "search", ShadowComparisons.Outcome.MATCH);
        long mismatches = shadows.count("search", "search", ShadowComparisons.Outcome.MISMATCH);
        long errors = shadows.count("search", "search", ShadowComparisons.Outcome.ERROR);

        assertThat(search(NOTHING).jsonPath().getLong("total")).isZero();
        assertThat(shadows.count("search", "search", ShadowComparisons.Outcome.MATCH)).isEqualTo(matches + 1);

        ScriptedSearchService.script(answering(SearchResponse.newBuilder().setTotal(1).addHits(SearchHit.newBuilder()
                .setBookId(UUID.randomUUID().toString()).setPrice(Money.newBuilder().setAmount("1"))).build()));
        assertThat(search(NOTHING).jsonPath().getLong("total")).as("the module answers").isZero();
        assertThat(shadows.count("search", "search", ShadowComparisons.Outcome.MISMATCH)).isEqualTo(mismatches + 1);

        ScriptedSearchService.script(failing(Status.UNAVAILABLE));
        assertThat(search(NOTHING).statusCode()).isEqualTo(200);
        assertThat(shadows.count("search", "search", ShadowComparisons.Outcome.ERROR)).isEqualTo(errors + 1);
    }

    @Test
    void theBulkheadQueuesABurstAndShedsWhatItsQueueCannotHold() throws Exception {
        ScriptedSearchService.script(answering(SearchResponse.getDefaultInstance()).after(Duration.ofMillis(250)));
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> burst = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                burst.add(() -> search(NOTHING));
            }
            List<Integer> statuses = new ArrayList<>();
            String retryAfter = null;
            for (Future<Response> answer : clients.invokeAll(burst)) {
                statuses.add(answer.get().statusCode());
                if (answer.get().statusCode() == 503) {
                    retryAfter = answer.get().header("Retry-After");
                }
            }
            // 2 in flight + 2 queued are served (each 250 ms, within the 1.5 s queue timeout); 4 are shed at once.
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(4);
            assertThat(statuses).filteredOn(s -> s == 503).hasSize(4);
            assertThat(retryAfter).isEqualTo("1");
        } finally {
            clients.shutdownNow();
        }
    }

    private double fallbacks() {
        var counter = meters.find("strangler.fallback").tags("capability", "search", "operation", "search").counter();
        return counter == null ? 0 : counter.count();
    }

    private static Response search(String q) {
        return given().queryParam("q", q).get("/api/search");
    }
}
