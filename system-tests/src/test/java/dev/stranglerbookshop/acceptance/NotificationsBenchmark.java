package dev.stranglerbookshop.acceptance;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Stage 2's asynchronous path, measured through the public API, metrics and notification-service's mail table,
 * after {@value #COLD_ORDERS} warm-up orders whose figures are printed apart:
 * <ol>
 *   <li>order placed (201) → confirmation accepted by SMTP p50/p99 at a paced 1, 10 and 50 orders/s, each for
 *       {@code bookshop.bench.paced-seconds} (20 s);</li>
 *   <li>the same over {@code bookshop.bench.orders} (1,000)
 *       orders from {@value #CLIENTS} clients (outbox → relay → Kafka → consumer → SMTP), and when the last of them
 *       was accepted (its {@code sent_at}) after the first and after the last order was placed;</li>
 *   <li>a {@code bookshop.bench.outage-seconds} (30 s) broker outage while orders keep coming ({@value #OUTAGE_RATE}/s):
 *       relay throughput while it drains the outbox (events/s) and the time until the last of those orders is
 *       mailed.</li>
 * </ol>
 * Fully: {@code ./mvnw -pl system-tests -Pbenchmark verify -Dbookshop.single-run=true -Dbookshop.stage=2
 * -Dit.test=NotificationsBenchmark} after a build. In {@code ./mvnw verify} briefly (40 orders, a 3 s outage), in the
 * stage 2 run ({@link Bench}). Figures, not pass/fail; it fails only if mails go missing.
 */
@Acceptance
@Tag("benchmark")
class NotificationsBenchmark {

    static final int CLIENTS = 4;
    /** Orders placed one after the other before anything is measured (where the topic is new, it is created then). */
    static final int COLD_ORDERS = 5;
    static final int ORDERS = Bench.setting("orders", 1_000, 40) / CLIENTS * CLIENTS;
    static final int OUTAGE_SECONDS = Bench.setting("outage-seconds", 30, 3);
    static final int OUTAGE_RATE = 20;
    static final int[] PACED_RATES = {1, 10, 50};
    static final int PACED_SECONDS = Bench.setting("paced-seconds", 20, 1);

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Map<String, Instant> placedAt = new ConcurrentHashMap<>();

    @Test
    void orderToMailLatencyRelayThroughputAndRecoveryAfterABrokerOutage() throws Exception {
        Bench.assumeBriefRunAt(2);
        SystemUnderTest.Running system = SystemUnderTest.current();
        assumeThat(system.broker()).as("needs the suite's own broker (stage 2+)").isNotNull();
        String book = Api.newBook("The Benchmark Post", "plenty of copies", List.of("bench"), "10.00", 1_000_000);
        List<Api.Customer> customers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            customers.add(Api.newCustomer("mailbench"));
        }
        // Warm-up, reported apart: the first orders after a start pay once for what a running system has already done
        // (JIT, connection pools, the first record on each partition, where the consumer looks up its committed
        // offset: see messaging/README.md on poll-timeout). Measured figures start after these.
        List<String> coldStart = new ArrayList<>();
        for (int i = 0; i < COLD_ORDERS; i++) {
            String order = place(system.url(), customers.get(0), book);
            Instant mailed = awaitMailed(system, List.of(order)).get(order)[1];
            coldStart.add(Duration.between(placedAt.get(order), mailed).toMillis() + " ms");
        }
        // 0. latency at a steady, paced rate: each order is sent on its schedule (open loop), whatever the others do
        List<String> pacedReport = new ArrayList<>();
        for (int rate : PACED_RATES) {
            List<String> paced = placeOpenLoop(system.url(), customers, book, rate, Duration.ofSeconds(PACED_SECONDS));
            Map<String, Instant[]> mailedPaced = awaitMailed(system, paced);
            long[] pacedLatencies = paced.stream()
                    .mapToLong(o -> Duration.between(placedAt.get(o), mailedPaced.get(o)[1]).toNanos()).sorted().toArray();
            pacedReport.add(String.format("  %3d orders/s for %d s (%d orders): order placed (201) -> mail accepted by "
                    + "SMTP p50 %.1f ms, p99 %.1f ms, max %.1f ms", rate, PACED_SECONDS, paced.size(),
                    ms(pct(pacedLatencies, 50)), ms(pct(pacedLatencies, 99)),
                    ms(pacedLatencies[pacedLatencies.length - 1])));
        }

        // 1. latency, steady state
        Instant firstPlaced = Instant.now();
        long began = System.nanoTime();
        List<String> steady = placeConcurrently(system.url(), customers, book);
        long allPlaced = System.nanoTime();
        Map<String, Instant[]> mailed = awaitMailed(system, steady);
        // When the SMTP server accepted the last of them: its sent_at, not when this test's poller saw it.
        Instant lastSent = steady.stream().map(o -> mailed.get(o)[1]).max(Instant::compareTo).orElseThrow();
        Instant lastPlaced = steady.stream().map(placedAt::get).max(Instant::compareTo).orElseThrow();
        long[] latencies = steady.stream().mapToLong(o -> Duration.between(placedAt.get(o), mailed.get(o)[1]).toNanos())
                .sorted().toArray();
        long[] toConsumer = steady.stream().mapToLong(o -> Duration.between(placedAt.get(o), mailed.get(o)[0])
                .toNanos()).sorted().toArray();

        // 2. a broker outage with orders still coming
        Broker broker = system.broker();
        broker.stop();
        long outageStart = System.nanoTime();
        List<String> duringOutage = placeAtRate(system.url(), customers.get(0), book, OUTAGE_RATE,
                Duration.ofSeconds(OUTAGE_SECONDS));
        Thread.sleep(1_100); // the lag gauges refresh every second
        double pendingAtRestart = Api.metric("outbox_pending_messages", "");
        double oldestAtRestart = Api.metric("outbox_oldest_pending_age_seconds", "");
        double publishedBefore = Api.metric("outbox_published_messages_total", "");
        broker.start();
        Instant restarted = Instant.now();
        long restartedNanos = System.nanoTime();
        while (Api.metric("outbox_published_messages_total", "") < publishedBefore + duringOutage.size()) {
            Thread.sleep(20);
        }
        long drained = System.nanoTime();
        Map<String, Instant[]> mailedAfter = awaitMailed(system, duringOutage);
        Instant lastMail = duringOutage.stream().map(o -> mailedAfter.get(o)[1]).max(Instant::compareTo).orElseThrow();

        System.out.printf("%nNotifications benchmark, stage %s (one run, 2 cores, everything on this machine)%n",
                System.getProperty("bookshop.stage", "2"));
        Bench.announce();
        System.out.println("warm-up, the first orders one after the other (order placed -> mail accepted by SMTP): "
                + String.join(", ", coldStart));
        System.out.println("paced orders (open loop), each rate after the previous one's mails were all sent:");
        pacedReport.forEach(System.out::println);
        System.out.printf("%d orders placed in %.2f s (%.0f/s) by %d clients; the last of the %d confirmations "
                + "accepted by SMTP %.2f s after the first order was placed, %.2f s after the last%n", ORDERS,
                (allPlaced - began) / 1e9, ORDERS / ((allPlaced - began) / 1e9), CLIENTS, ORDERS,
                Duration.between(firstPlaced, lastSent).toMillis() / 1e3,
                Duration.between(lastPlaced, lastSent).toMillis() / 1e3);
        System.out.printf("order placed (201) -> mail accepted by SMTP: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
                + "max %.1f ms%n", ms(pct(latencies, 50)), ms(pct(latencies, 90)), ms(pct(latencies, 99)),
                ms(latencies[latencies.length - 1]));
        System.out.printf("  of which placed -> stored by notification-service (outbox, relay, Kafka, consumer): "
                + "p50 %.1f ms, p99 %.1f ms%n", ms(pct(toConsumer, 50)), ms(pct(toConsumer, 99)));
        System.out.printf("broker outage %.1f s: %d orders placed meanwhile (all 201); at restart %.0f events "
                + "pending, the oldest %.1f s old%n", (restartedNanos - outageStart) / 1e9, duringOutage.size(),
                pendingAtRestart, oldestAtRestart);
        System.out.printf("relay after restart: %d events published in %.2f s = %.0f events/s (incl. reconnect)%n",
                duringOutage.size(), (drained - restartedNanos) / 1e9,
                duringOutage.size() / ((drained - restartedNanos) / 1e9));
        System.out.printf("lag recovery: the last outage order's mail accepted %.2f s after the broker restart%n%n",
                Duration.between(restarted, lastMail).toMillis() / 1e3);
        assertThat(steady).hasSize(ORDERS).isNotEmpty();
        assertThat(duringOutage).isNotEmpty().allMatch(mailedAfter::containsKey);
    }

    private static Map<String, Instant[]> awaitMailed(SystemUnderTest.Running system, List<String> orders)
            throws Exception {
        long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        Map<String, Instant[]> mailed = sentAt(system);
        while (!mailed.keySet().containsAll(orders)) {
            assertThat(System.nanoTime()).as("all confirmations sent within 5 minutes").isLessThan(until);
            Thread.sleep(100);
            mailed = sentAt(system);
        }
        return mailed;
    }

    /**
     * When notification-service marked each confirmation SENT: right after the SMTP server accepted it. Read from its
     * own table (same clock as this JVM) rather than by polling the SMTP server, which would slow it down.
     */
    private static Map<String, Instant[]> sentAt(SystemUnderTest.Running system) throws Exception {
        Map<String, Instant[]> sent = new java.util.HashMap<>();
        try (var connection = java.sql.DriverManager.getConnection(system.postgres().jdbcUrl("notifications"),
                "notifications", "notifications");
                var rows = connection.createStatement().executeQuery(
                        "SELECT subject, created_at, sent_at FROM notifications.outgoing_mails WHERE status = 'SENT' "
                                + "AND subject LIKE 'Your order % is confirmed'")) {
            while (rows.next()) {
                sent.put(rows.getString(1).substring(11, 19),
                        new Instant[] {rows.getTimestamp(2).toInstant(), rows.getTimestamp(3).toInstant()});
            }
        }
        return sent;
    }

    private List<String> placeConcurrently(String base, List<Api.Customer> customers, String book) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (Api.Customer customer : customers) {
                runs.add(clients.submit(() -> {
                    List<String> placed = new ArrayList<>();
                    for (int i = 0; i < ORDERS / CLIENTS; i++) {
                        placed.add(place(base, customer, book));
                    }
                    return placed;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> run : runs) {
                all.addAll(run.get());
            }
            return all;
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Sends {@code perSecond} orders a second for {@code duration}, each at its scheduled instant on a pool of threads,
     * so a slow answer does not delay the next order (an open-loop load, as real customers are).
     */
    private List<String> placeOpenLoop(String base, List<Api.Customer> customers, String book, int perSecond,
            Duration duration) throws Exception {
        java.util.concurrent.ScheduledExecutorService clients = Executors.newScheduledThreadPool(8);
        try {
            long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
            long count = Math.max(1, duration.toNanos() / interval);
            List<java.util.concurrent.ScheduledFuture<String>> orders = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Api.Customer customer = customers.get(i % customers.size());
                orders.add(clients.schedule(() -> place(base, customer, book), i * interval, TimeUnit.NANOSECONDS));
            }
            List<String> placed = new ArrayList<>();
            for (var order : orders) {
                placed.add(order.get(60, TimeUnit.SECONDS));
            }
            return placed;
        } finally {
            clients.shutdownNow();
        }
    }

    private List<String> placeAtRate(String base, Api.Customer customer, String book, int perSecond,
            Duration duration) throws Exception {
        List<String> placed = new ArrayList<>();
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        for (long next = start; next - start < duration.toNanos(); next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            placed.add(place(base, customer, book));
        }
        return placed;
    }

    private String place(String base, Api.Customer customer, String book) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/orders"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + customer.token())
                .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"bookId\":\"" + book + "\",\"quantity\":1}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Instant at = Instant.now();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String id = response.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1");
        placedAt.put(id.substring(0, 8), at);
        return id.substring(0, 8);
    }

    private static long pct(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
