package dev.stranglerbookshop.acceptance;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmarks' closed-loop load: {@code clients} threads send back to back for a duration after a warm-up, and
 * the result keeps every latency. Requests per second divide by the time until the last answer arrived, not by the
 * nominal duration (requests still in flight at the end would otherwise inflate it).
 */
final class Load {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int clients;
    private final Duration warmUp;
    private final Duration run;

    Load(int clients, Duration warmUp, Duration run) {
        this.clients = clients;
        this.warmUp = warmUp;
        this.run = run;
    }

    /** Warm-up, then the measured run. */
    Result run(String name, Supplier<HttpRequest> request) throws Exception {
        drive(name, request, warmUp); // JIT, pools and caches warm before measuring
        return drive(name, request, run);
    }

    private Result drive(String name, Supplier<HttpRequest> request, Duration duration) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            futures.add(threads.submit(() -> {
                long[] samples = new long[1 << 16];
                int n = 0;
                long failed = 0;
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    int status = http.send(request.get(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status >= 300) {
                        failed++;
                    }
                    if (n == samples.length) {
                        samples = Arrays.copyOf(samples, n * 2);
                    }
                    samples[n++] = System.nanoTime() - started;
                }
                long[] out = Arrays.copyOf(samples, n + 1);
                out[n] = failed; // last slot: failures
                return out;
            }));
        }
        List<long[]> perClient = new ArrayList<>();
        for (Future<long[]> future : futures) {
            perClient.add(future.get(duration.toSeconds() + 60, TimeUnit.SECONDS));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        threads.shutdownNow();
        return new Result(name, perClient, seconds);
    }

    /** One scenario's figures: latencies in ms, requests per second, failures (answers of 300 or more). */
    static final class Result {
        final String name;
        final long[] latencies;
        final long failures;
        final double seconds;

        Result(String name, List<long[]> perClient, double seconds) {
            this.name = name;
            this.latencies = perClient.stream().flatMapToLong(a -> Arrays.stream(a, 0, a.length - 1)).sorted()
                    .toArray();
            this.failures = perClient.stream().mapToLong(a -> a[a.length - 1]).sum();
            this.seconds = seconds;
        }

        int count() {
            return latencies.length;
        }

        double perSecond() {
            return latencies.length / seconds;
        }

        double percentile(int p) {
            return Load.percentile(latencies, p) / 1e6;
        }

        /** What a benchmark asserts: requests were made and all answered below 300, and its figures are numbers. */
        void assertRan() {
            assertThat(count()).as(name + " requests").isPositive();
            assertThat(failures).as(name + " failures").isZero();
            assertThat(List.of(perSecond(), percentile(50), percentile(99))).as(name + " figures")
                    .allMatch(Double::isFinite);
        }
    }

    /** The p-th percentile (nearest rank) of sorted values; NaN for none. */
    static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
