package dev.stranglerbookshop.acceptance;

import dev.stranglerbookshop.topology.ServiceSpec;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Stage 3's price: the same searches answered in-process ({@code search=monolith}, what stage 0 does) and through
 * gRPC to search-service ({@code search=service}), side by side in one run on one system, {@value #CLIENTS} clients
 * each; then the gRPC hop's own cost from the traces (the monolith's client span minus search-service's server span,
 * and the time from the monolith's HTTP span to its gRPC client span), over sequential warmed searches. Fully:
 * {@code ./mvnw -pl system-tests -am -Pbenchmark verify -Dbookshop.stage=3 -Dbookshop.single-run=true
 * -Dit.test=SearchBenchmark}: {@code bookshop.bench.seconds} (15 s) per side after {@code bookshop.bench.warm-up-seconds}
 * (5 s), {@code bookshop.bench.hops} (2,000) traced searches after {@code bookshop.bench.hops-warm-up} (1,500). In
 * {@code ./mvnw verify} briefly (2 s, 1 s, 200 after 200), in the stage 3 run ({@link Bench}). Figures, not pass/fail.
 * <p>
 * The hop is read from the traces, so the trace exporter must not run while it is measured: by default it sends a
 * batch every 512 spans, and serialising and posting one is the slowest thing on two cores, landing in the hop's tail.
 * Hold exports back until after the measurement with {@code -Dbookshop.env.QUARKUS_OTEL_BSP_SCHEDULE_DELAY=40s
 * -Dbookshop.env.QUARKUS_OTEL_BSP_MAX_QUEUE_SIZE=20000 -Dbookshop.env.QUARKUS_OTEL_BSP_MAX_EXPORT_BATCH_SIZE=20000}
 * (and sample a fifth, {@code -Dbookshop.env.QUARKUS_OTEL_TRACES_SAMPLER_ARG=0.2}, so the queue holds them all).
 */
@Acceptance
@Tag("benchmark")
class SearchBenchmark {

    static final int CLIENTS = 8;
    static final Duration RUN = Bench.seconds("seconds", 15, 2);
    static final int HOPS = Bench.setting("hops", 2_000, 200);
    static final int WARM = Bench.setting("hops-warm-up", 1_500, 200);
    static final List<String> WORDS = MonolithBenchmark.WORDS;

    @Test
    void inProcessVersusThroughGrpcAndTheHopsOwnCost() throws Exception {
        Bench.assumeBriefRunAt(3);
        assumeTrue(SystemUnderTest.runs(ServiceSpec.SEARCH_SERVICE) && SystemUnderTest.zipkinUrl() != null,
                "search-service and the trace backend run from stage 3");
        String base = SystemUnderTest.current().url();
        String configured = Api.route("search");
        Load load = new Load(CLIENTS, Bench.warmUp(), RUN);
        try {
            // The hop first: the load phases leave the trace backend busy for a while.
            Api.route("search", "service");
            Hops hops = hops(base);
            Api.route("search", "monolith");
            Load.Result inProcess = load.run("search in-process", () -> search(base));
            Api.route("search", "service");
            Load.Result viaGrpc = load.run("search via gRPC", () -> search(base));

            System.out.printf("%n== Search benchmark (stage %d, %d clients, %d s per side, %d cores, service JVM %s) ==%n",
                    SystemUnderTest.stage(), CLIENTS, RUN.toSeconds(), Runtime.getRuntime().availableProcessors(),
                    String.join(" ", SystemUnderTest.jvmOptions()));
            Bench.announce();
            System.out.printf("%-20s %10s %10s %10s %10s%n", "side", "requests", "req/s", "p50 ms", "p99 ms");
            for (Load.Result r : List.of(inProcess, viaGrpc)) {
                System.out.printf("%-20s %10d %10.1f %10.2f %10.2f%n", r.name, r.count(), r.perSecond(),
                        r.percentile(50), r.percentile(99));
            }
            System.out.printf("ratio gRPC / in-process: req/s %.2f, p50 %.2f, p99 %.2f%n",
                    viaGrpc.perSecond() / inProcess.perSecond(), viaGrpc.percentile(50) / inProcess.percentile(50),
                    viaGrpc.percentile(99) / inProcess.percentile(99));
            System.out.printf("gRPC hop, %d traces of %d sequential warmed searches (sampler %s): client span - server "
                    + "span p50 %.2f ms, p90 %.2f ms, p99 %.2f ms; HTTP server span start -> gRPC client span start p50 "
                    + "%.2f ms, p99 %.2f ms%n", hops.count, HOPS,
                    System.getProperty("bookshop.env.QUARKUS_OTEL_TRACES_SAMPLER_ARG", "1.0"), hops.hop(50),
                    hops.hop(90), hops.hop(99), hops.lead(50), hops.lead(99));
            System.out.printf("gRPC hop's request leg (client span start -> server span start) p50 %.2f ms, p99 %.2f "
                    + "ms; hops over 2 ms: %d of %d%n", hops.requestLeg(50), hops.requestLeg(99), hops.over(2),
                    hops.count);
            inProcess.assertRan();
            viaGrpc.assertRan();
            assertThat(hops.count).as("searches traced through the hop").isPositive();
            assertThat(List.of(hops.hop(50), hops.hop(99), hops.lead(50), hops.lead(99))).allMatch(Double::isFinite);
        } finally {
            Api.route("search", configured);
        }
    }

    /**
     * Sequential searches on the service route: {@value #WARM} to warm both JVMs, then {@code bookshop.bench.hops}
     * measured, whose traces (all that were sampled) are read back from Zipkin.
     */
    private static Hops hops(String base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < WARM; i++) {
            http.send(search(base), HttpResponse.BodyHandlers.discarding());
        }
        long since = System.currentTimeMillis();
        for (int i = 0; i < HOPS; i++) {
            assertThat(http.send(search(base), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        }
        // Spans may be exported only after the run (a long span-processor delay keeps the exporter and the trace
        // backend off the two cores while it is measured): read until no more arrive.
        List<List<Map<String, Object>>> traces = List.of();
        long until = System.currentTimeMillis() + 120_000;
        for (int seen = -1; System.currentTimeMillis() < until; Thread.sleep(3_000)) {
            long now = System.currentTimeMillis();
            traces = JsonPath.from(given().baseUri(SystemUnderTest.zipkinUrl()).queryParam("serviceName",
                    "search-service").queryParam("limit", HOPS).queryParam("endTs", now).queryParam("lookback",
                    now - since).get("/api/v2/traces").then().statusCode(200).extract().asString()).getList("$");
            if (traces.size() == seen && seen > 0) {
                break;
            }
            seen = traces.size();
        }
        List<Long> hop = new ArrayList<>();
        List<Long> lead = new ArrayList<>();
        List<Long> out = new ArrayList<>();
        for (List<Map<String, Object>> trace : traces) {
            var server = span(trace, "search-service", "SERVER");
            var client = span(trace, "monolith", "CLIENT");
            var entry = span(trace, "monolith", "SERVER");
            if (server != null && client != null && entry != null) {
                hop.add(micros(client, "duration") - micros(server, "duration"));
                out.add(micros(server, "timestamp") - micros(client, "timestamp"));
                lead.add(micros(client, "timestamp") - micros(entry, "timestamp"));
            }
        }
        return new Hops(hop, lead, out);
    }

    private static Map<String, Object> span(List<Map<String, Object>> trace, String service, String kind) {
        return trace.stream().filter(s -> service.equals(Zipkin.service(s)) && kind.equals(s.get("kind")))
                .findFirst().orElse(null);
    }

    private static long micros(Map<String, Object> span, String field) {
        return ((Number) span.get(field)).longValue();
    }

    private static HttpRequest search(String base) {
        return HttpRequest.newBuilder(URI.create(base + "/api/search?q="
                + WORDS.get(ThreadLocalRandom.current().nextInt(WORDS.size())))).timeout(Duration.ofSeconds(10))
                .GET().build();
    }

    /** In microseconds: the hop, the lead before it, and the hop's request leg (client start to server start). */
    private record Hops(int count, long[] hops, long[] leads, long[] requestLegs) {
        Hops(List<Long> hops, List<Long> leads, List<Long> requestLegs) {
            this(hops.size(), sorted(hops), sorted(leads), sorted(requestLegs));
        }

        private static long[] sorted(List<Long> micros) {
            return micros.stream().mapToLong(Long::longValue).sorted().toArray();
        }

        double requestLeg(int p) {
            return Load.percentile(requestLegs, p) / 1000.0;
        }

        /** Hops slower than {@code ms}: the tail, counted (a few stalls of the scheduler make a p99). */
        long over(double ms) {
            return java.util.Arrays.stream(hops).filter(h -> h > ms * 1000).count();
        }

        double hop(int p) {
            return Load.percentile(hops, p) / 1000.0;
        }

        double lead(int p) {
            return Load.percentile(leads, p) / 1000.0;
        }
    }
}
