package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.monolith.Shop;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import dev.stranglerbookshop.platform.problem.ProblemException;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class LoginThrottleTest {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(LoginThrottleTest.class);
    private static final int PARALLEL = 20;

    @Inject
    AuthSettings settings;

    @Inject
    DataSource database;

    @Test
    void twentyParallelWrongPasswordsGetAtMostFiveAnswersAndTheRightOneIsThenLockedOut() throws Exception {
        String email = registered("Parallel");

        Map<Integer, Long> statuses = inParallel(i -> () ->
                login(email, "wrong password " + i, "192.0.2." + (100 + i)).statusCode());

        LOG.infof("%d parallel wrong passwords for one account: %s (status: answers)", PARALLEL, statuses);
        assertThat(statuses.getOrDefault(401, 0L)).isBetween(1L, 5L);
        assertThat(statuses.getOrDefault(429, 0L)).isEqualTo(PARALLEL - statuses.getOrDefault(401, 0L));
        login(email, Shop.PASSWORD, "192.0.2.250").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void parallelLoginsWithTheRightPasswordAreAllServed() throws Exception {
        String email = registered("Tabs");

        Map<Integer, Long> statuses = inParallel(i -> () -> login(email, Shop.PASSWORD, "192.0.2." + (130 + i))
                .statusCode());

        assertThat(statuses).containsExactly(Map.entry(200, (long) PARALLEL));
    }

    @Test
    void twoInstancesOnOneDatabaseShareTheLimit() throws Exception {
        LoginThrottle one = new LoginThrottle(settings, database);
        LoginThrottle other = new LoginThrottle(settings, database);
        String email = Shop.uniqueEmail("two-instances");

        Map<Integer, Long> outcomes = inParallel(i -> () -> {
            try {
                LoginThrottle instance = i % 2 == 0 ? one : other;
                instance.beforeAttempt(email, "198.18.0." + i, true);
                instance.failed(email, true); // a wrong password, counted before its verdict
                return 401;
            } catch (ProblemException refused) {
                return refused.status();
            }
        });

        assertThat(outcomes).containsEntry(401, 5L).containsEntry(429, (long) PARALLEL - 5);
    }

    /** Runs {@value #PARALLEL} calls at once (released together) and counts their outcomes. */
    private static Map<Integer, Long> inParallel(Function<Integer, Callable<Integer>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                Callable<Integer> each = call.apply(i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return each.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAccountIsLockedAfterFiveFailuresEvenForTheRightPassword() {
        String email = registered("Victim");
        Shop.customer("victim"); // someone else, to show the lock is per account

        for (int i = 0; i < 5; i++) {
            login(email, "wrong password " + i, "192.0.2." + (10 + i)).then().statusCode(401);
        }
        Response locked = login(email, Shop.PASSWORD, "192.0.2.99");

        locked.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:bookshop:problem:too-many-login-attempts"));
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 300);
    }

    @Test
    void anAddressIsThrottledAfterThirtyAttemptsWhileOthersCarryOn() {
        String attacker = "203.0.113.7";
        for (int i = 0; i < 30; i++) {
            login(Shop.uniqueEmail("guess"), "not the password", attacker).then().statusCode(401);
        }

        login(Shop.uniqueEmail("guess"), "not the password", attacker).then().statusCode(429);
        login(Shop.uniqueEmail("guess"), "not the password", "203.0.113.8").then().statusCode(401);
    }

    @Test
    void unknownEmailAndWrongPasswordAnswerTheSame() {
        String email = registered("Known");

        String wrongPassword = login(email, "wrong password!", "192.0.2.200").then().statusCode(401)
                .extract().path("detail");
        String unknownEmail = login(Shop.uniqueEmail("nobody"), "wrong password!", "192.0.2.201").then()
                .statusCode(401).extract().path("detail");

        assertThat(unknownEmail).isEqualTo(wrongPassword).isEqualTo(AuthProblems.WRONG_CREDENTIALS);
    }

    /** Registers a customer through the public API and answers the email. */
    private static String registered(String displayName) {
        String email = Shop.uniqueEmail(displayName.toLowerCase());
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Shop.PASSWORD, "displayName", displayName))
                .post("/api/auth/register").then().statusCode(201);
        return email;
    }

    private static Response login(String email, String password, String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("email", email, "password", password)).post("/api/auth/login");
    }
}
