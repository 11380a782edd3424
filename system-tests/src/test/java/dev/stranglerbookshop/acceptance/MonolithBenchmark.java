package dev.stranglerbookshop.acceptance;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Throughput and latency of the stage's hot paths through the public API: login, search, me (local token
 * verification), place-order; from stage 1 also login in-process versus through gRPC, in one run. Closed loop:
 * {@value #CLIENTS} clients send back to back for {@code bookshop.bench.seconds} (20 s) per scenario after a
 * {@code bookshop.bench.warm-up-seconds} (5 s) warm-up; requests per second divide by the time until the last answer
 * arrived. Fully: {@code ./mvnw -pl system-tests -Pbenchmark verify -Dbookshop.single-run=true [-Dbookshop.stage=1]}
 * after a build. In {@code ./mvnw verify} briefly (2 s, 1 s warm-up), in the stage 1 run, where every scenario exists
 * ({@link Bench}). Figures, not pass/fail: it fails only if requests fail or nothing was measured.
 */
@Acceptance
@Tag("benchmark")
class MonolithBenchmark {

    static final int CLIENTS = 8;
    static final Duration RUN = Bench.seconds("seconds", 20, 2);
    static final List<String> WORDS = List.of("war", "love", "sea", "history", "philosophy", "detective", "poetry",
            "adventure", "science", "dickens", "austen", "tolstoy", "island", "murder", "king", "time");

    final Load load = new Load(CLIENTS, Bench.warmUp(), RUN);

    @Test
    void loginSearchAndPlaceOrder() throws Exception {
        Bench.assumeBriefRunAt(1);
        SystemUnderTest.Running system = SystemUnderTest.current();
        String base = system.url();
        Api.Customer customer = Api.newCustomer("bench");
        String book = Api.newBook("The Benchmark Book", "plenty of copies", List.of("bench"), "10.00", 1_000_000);
        String loginBody = "{\"email\":\"" + customer.email() + "\",\"password\":\"" + Api.PASSWORD + "\"}";
        String orderBody = "{\"items\":[{\"bookId\":\"" + book + "\",\"quantity\":1}]}";

        List<Load.Result> results = new ArrayList<>();
        if (system.service("auth-service").isPresent()) {
            // The same login, in-process and through the router + gRPC to auth-service, in one run.
            String admin = Api.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
            String configured = route(base, admin, null);
            try {
                route(base, admin, "monolith");
                results.add(run("login (module)", () -> post(base + "/api/auth/login", loginBody, null)));
                route(base, admin, "service");
                results.add(run("login (gRPC)", () -> post(base + "/api/auth/login", loginBody, null)));
            } finally {
                route(base, admin, configured);
            }
        }
        results.addAll(List.of(
                run("login", () -> post(base + "/api/auth/login", loginBody, null)),
                run("search", () -> get(base + "/api/search?q="
                        + WORDS.get(ThreadLocalRandom.current().nextInt(WORDS.size())))),
                run("me", () -> HttpRequest.newBuilder(URI.create(base + "/api/me")).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + customer.token()).GET().build()),
                run("place-order", () -> post(base + "/api/orders", orderBody, customer.token()))));

        System.out.printf("%n== Monolith benchmark (stage %s, %d clients, %d s per scenario, %d cores) ==%n",
                System.getProperty("bookshop.stage", "0"), CLIENTS, RUN.toSeconds(),
                Runtime.getRuntime().availableProcessors());
        Bench.announce();
        System.out.printf("%-16s %10s %10s %10s %10s%n", "scenario", "requests", "req/s", "p50 ms", "p99 ms");
        results.forEach(r -> System.out.printf("%-16s %10d %10.1f %10.2f %10.2f%n", r.name, r.count(), r.perSecond(),
                r.percentile(50), r.percentile(99)));
        // Each service's own start (launch to ready), not the slowest one's; memory after the load.
        for (ManagedService service : system.services()) {
            if (service.process() != null && service.readyAfter() != null) {
                System.out.printf("%s: ready %.1f s after launch, RSS %d MiB (PSS %d MiB) after the run%n",
                        service.name(), service.readyAfter().toMillis() / 1000.0, service.process().rssMiB(),
                        service.process().pssMiB());
            }
        }
        results.forEach(Load.Result::assertRan);
    }

    private Load.Result run(String name, Supplier<HttpRequest> request) throws Exception {
        return load.run(name, request);
    }

    private HttpRequest post(String url, String json, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    /** Reads the auth route, or sets it when {@code route} is given; answers the route before the call. */
    private static String route(String base, String adminToken, String route) {
        String current = io.restassured.RestAssured.given().auth().oauth2(adminToken).get(base + "/api/admin/migration")
                .then().statusCode(200).extract().path("routes.auth");
        if (route != null) {
            io.restassured.RestAssured.given().auth().oauth2(adminToken).contentType("application/json")
                    .body(java.util.Map.of("routes", java.util.Map.of("auth", route)))
                    .put(base + "/api/admin/migration").then().statusCode(200);
        }
        return current;
    }

    private HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
    }
}
