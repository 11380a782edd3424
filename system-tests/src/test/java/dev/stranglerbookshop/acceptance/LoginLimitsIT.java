package dev.stranglerbookshop.acceptance;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-account login limit holds under parallel attempts, on whichever side the stage's route sends logins (the
 * module, auth-service, or both in a canary: they count in one table): 20 wrong passwords sent at once for one account
 * get at most 5 answers "wrong credentials" and 429 for the rest; the right password is then refused too.
 */
@Acceptance
class LoginLimitsIT {

    private static final int PARALLEL = 20;

    @Test
    void twentyParallelWrongPasswordsGetAtMostFiveVerdictsAndThenTheAccountIsLocked() {
        String email = Api.newCustomer("besieged").email();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            answers.add(client.sendAsync(login(email, "wrong password " + i), HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        answers.forEach(answer -> statuses.merge(answer.join(), 1, Integer::sum));
        System.out.printf("%d parallel wrong passwords for one account (route %s): %s%n", PARALLEL,
                Api.route("auth"), statuses);

        assertThat(statuses.keySet()).containsOnly(401, 429);
        assertThat(statuses.getOrDefault(401, 0)).isBetween(1, 5);
        assertThat(client.sendAsync(login(email, Api.PASSWORD), HttpResponse.BodyHandlers.discarding())
                .join().statusCode()).as("the right password, within the window").isEqualTo(429);
    }

    private static HttpRequest login(String email, String password) {
        return HttpRequest.newBuilder(URI.create(SystemUnderTest.current().url() + "/api/auth/login"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password
                        + "\"}")).build();
    }
}
