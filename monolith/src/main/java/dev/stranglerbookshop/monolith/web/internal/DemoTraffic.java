package dev.stranglerbookshop.monolith.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The panel's "demo traffic" switch: for {@code bookshop.web.demo-traffic.duration} (60 s), {@code rate} calls a
 * second of a shop-like mix to this process's own API over loopback (never anywhere else): browse a catalog page,
 * search, sign in, and place then cancel an order (so stock does not drain). One run at a time; it stops by itself,
 * and at shutdown. The calls use a demo customer registered on first use, and say they come from
 * {@value #DEMO_ADDRESS} (RFC 5737 documentation range): sign-in throttling counts them apart from the presenter's own
 * browser on the same machine. It signs in at most every {@code SIGN_IN_EVERY} (20 a minute, under the 30 attempts a
 * minute an address may make).
 */
@ApplicationScoped
public class DemoTraffic {

    private static final Logger LOG = Logger.getLogger(DemoTraffic.class);
    /** Words the seed catalog's titles, authors and descriptions hold (full-text search skips "the", "a"...). */
    private static final List<String> WORDS = List.of("history", "love", "war", "adventure", "poetry", "novel",
            "journey", "science", "story", "city");
    static final String DEMO_ADDRESS = "192.0.2.1";
    private static final Duration SIGN_IN_EVERY = Duration.ofSeconds(3);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-traffic");
        thread.setDaemon(true);
        return thread;
    });
    private final ShopApi api;
    private final Duration duration;
    private final int rate;
    private final Clock clock;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong orders = new AtomicLong();
    private final String email = "demo-" + UUID.randomUUID() + "@bookshop.local";
    private final String password = UUID.randomUUID().toString();
    private volatile Instant until = Instant.MIN;
    private volatile ScheduledFuture<?> run;
    private volatile String token;
    private volatile Instant signedInAt = Instant.MIN;
    private volatile boolean registered;

    @Inject
    DemoTraffic(ShopApi api, WebSettings settings) {
        this(api, settings.demoTraffic().duration(), settings.demoTraffic().rate(), Clock.systemUTC());
    }

    DemoTraffic(ShopApi api, Duration duration, int rate, Clock clock) {
        if (rate < 1 || rate > 20) {
            throw new IllegalArgumentException("bookshop.web.demo-traffic.rate is 1 to 20 calls a second, not " + rate);
        }
        this.api = api;
        this.duration = duration;
        this.rate = rate;
        this.clock = clock;
    }

    /**
     * Starts a run against {@code api} (this process's loopback address) unless one is running.
     *
     * @return true when this call started it
     * @throws IllegalArgumentException when {@code api} is not on loopback
     */
    public synchronized boolean start(URI api) {
        if (!"127.0.0.1".equals(api.getHost()) && !"localhost".equals(api.getHost())) {
            throw new IllegalArgumentException("Demo traffic goes to this process over loopback only, not " + api);
        }
        if (running()) {
            return false;
        }
        calls.set(0);
        orders.set(0);
        until = clock.instant().plus(duration);
        ShopApi.Caller caller = new ShopApi.Caller(api, null, DEMO_ADDRESS);
        run = scheduler.scheduleAtFixedRate(() -> tick(caller), 0, 1000 / rate, TimeUnit.MILLISECONDS);
        LOG.infof("Demo traffic: %d calls a second to %s for %d s", rate, api, duration.toSeconds());
        return true;
    }

    public boolean running() {
        return clock.instant().isBefore(until);
    }

    /** For people: "running, 42 calls, 3 orders, 18 s left" or "off". */
    public String status() {
        if (!running()) {
            return calls.get() == 0 ? "off" : "off (last run: " + calls.get() + " calls, " + orders.get() + " orders)";
        }
        long left = Duration.between(clock.instant(), until).toSeconds();
        return "running, " + calls.get() + " calls, " + orders.get() + " orders, " + left + " s left";
    }

    private void tick(ShopApi.Caller anonymous) {
        if (!running()) {
            run.cancel(false);
            LOG.infof("Demo traffic stopped after %d calls", calls.get());
            return;
        }
        try {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String word = WORDS.get(random.nextInt(WORDS.size()));
            switch ((int) (calls.getAndIncrement() % 5)) {
                case 0, 2 -> api.get(anonymous, "/api/books", Map.of("page", random.nextInt(5), "size", 10));
                case 1 -> api.get(anonymous, "/api/search", Map.of("q", word));
                case 3 -> signIn(anonymous);
                default -> orderAndCancel(anonymous);
            }
        } catch (RuntimeException e) {
            // A demo must not die of one failed call (a service down is exactly what a demo may show).
            LOG.debugf("Demo traffic call failed: %s", e.toString());
        }
    }

    private void signIn(ShopApi.Caller anonymous) {
        if (token != null && clock.instant().isBefore(signedInAt.plus(SIGN_IN_EVERY))) {
            api.get(anonymous, "/api/books", Map.of("sort", "-price", "size", 5));
            return;
        }
        signedInAt = clock.instant();
        if (!registered) {
            ApiAnswer answer = api.send(anonymous, "POST", "/api/auth/register",
                    Map.of("email", email, "password", password, "displayName", "Demo customer"), Map.of());
            registered = answer.ok() || answer.status() == 409;
        }
        ApiAnswer login = api.send(anonymous, "POST", "/api/auth/login", Map.of("email", email, "password", password),
                Map.of());
        if (login.ok()) {
            token = login.body().path("accessToken").asText();
        }
    }

    private void orderAndCancel(ShopApi.Caller anonymous) {
        if (token == null) {
            signIn(anonymous);
            return;
        }
        ShopApi.Caller customer = new ShopApi.Caller(anonymous.api(), token, DEMO_ADDRESS);
        // The first 50 by a random order, then a random one of those in stock: any catalog, however small.
        ApiAnswer books = api.get(customer, "/api/books", Map.of("size", 50,
                "sort", List.of("title", "-title", "price", "-price").get(ThreadLocalRandom.current().nextInt(4))));
        List<JsonNode> inStock = new java.util.ArrayList<>();
        books.body().path("items").forEach(book -> {
            if (book.path("stock").asInt() > 0) {
                inStock.add(book);
            }
        });
        if (!books.ok() || inStock.isEmpty()) {
            return;
        }
        JsonNode first = inStock.get(ThreadLocalRandom.current().nextInt(inStock.size()));
        ApiAnswer order = api.send(customer, "POST", "/api/orders", Map.of("items",
                List.of(Map.of("bookId", first.path("id").asText(), "quantity", 1))), Map.of());
        if (order.ok()) {
            orders.incrementAndGet();
            api.send(customer, "POST", "/api/orders/" + order.body().path("id").asText() + "/cancel", null, Map.of());
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
