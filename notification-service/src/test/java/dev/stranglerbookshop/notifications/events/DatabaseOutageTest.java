package dev.stranglerbookshop.notifications.events;

import com.icegreen.greenmail.util.GreenMail;
import dev.stranglerbookshop.infra.mail.Mailboxes;
import dev.stranglerbookshop.infra.postgres.RealPostgres;
import dev.stranglerbookshop.infra.quarkus.InjectSmtp;
import dev.stranglerbookshop.notifications.mail.OutgoingMail;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away for longer than the connector's default age limit (60 s) while events keep arriving: the
 * service's login is refused and its open connections are terminated, as in a failover. The events are retried, then
 * handled once the database is back, each exactly once, and liveness is UP all along (readiness is not: the
 * datasource check says the database is gone, which is what readiness is for).
 */
@QuarkusTest
class DatabaseOutageTest {

    /** Longer than the connector's default {@code throttled.unprocessed-record-max-age.ms} of 60 s. */
    static final Duration OUTAGE = Duration.ofSeconds(75);
    /** The connector's default {@code throttled.unprocessed-record-max-age.ms}. */
    static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(60);
    /** The {@link EventConsumer} method of each channel. */
    static final List<String> CHANNELS = List.of("onUserEvent", "onOrderEvent");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "bookshop.test.postgres.jdbc-url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String role;

    @ConfigProperty(name = "mp.messaging.incoming.user-events.throttled.unprocessed-record-max-age.ms")
    long userEventsMaxAge;

    @ConfigProperty(name = "mp.messaging.incoming.order-events.throttled.unprocessed-record-max-age.ms")
    long orderEventsMaxAge;

    @InjectSmtp
    GreenMail smtp;

    @Test
    void theConnectorWaitsLongerThanTheConsumerRetries() {
        long retrying = TimeUnit.MINUTES.toMillis(EventConsumer.RETRY_BUDGET_MINUTES)
                + TimeUnit.SECONDS.toMillis(EventConsumer.MAX_BACKOFF_SECONDS);
        assertThat(userEventsMaxAge).isGreaterThan(retrying);
        assertThat(orderEventsMaxAge).isGreaterThan(retrying);
    }

    @Test
    void anOutageLongerThanTheDefaultAgeLimitLosesNothingDoublesNothingAndEndsByItself() throws Exception {
        List<UUID> users = new ArrayList<>();
        List<UUID> orders = new ArrayList<>();
        List<String> liveness = new ArrayList<>();
        long began;
        double duplicates = EventConsumerTest.metric("notifications_events_total", "route=\"duplicate\"");
        try (Events events = new Events(bootstrapServers)) {
            outage(true);
            began = System.nanoTime();
            try {
                for (int i = 0; i < 4; i++) {
                    UUID user = UUID.randomUUID();
                    users.add(user);
                    byte[] registered = Events.userRegistered(user, UUID.randomUUID(), email(user), "Outage " + i)
                            .toByteArray();
                    events.send(Events.USERS, user.toString(), registered, Events.headers("UserRegistered", "service"));
                    if (i == 0) { // the relay publishing again: the same event twice
                        events.send(Events.USERS, user.toString(), registered,
                                Events.headers("UserRegistered", "service"));
                    }
                    UUID customer = UUID.randomUUID();
                    orders.add(customer);
                    events.send(Events.ORDERS, UUID.randomUUID().toString(), Events.orderPlaced(UUID.randomUUID(),
                            UUID.randomUUID(), customer, email(customer)).toByteArray(),
                            Events.headers("OrderPlaced", "service"));
                }
                // Liveness probed every second until the outage has lasted OUTAGE and both channels, their records
                // unacked for longer than the default age limit by then, retried them once more after that limit.
                Map<String, Double> retriesAtLimit = new HashMap<>();
                await().atMost(OUTAGE.multipliedBy(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    var probe = given().get("/q/health/live");
                    liveness.add(probe.statusCode() + " " + probe.jsonPath().getString("status"));
                    if (System.nanoTime() - began < DEFAULT_MAX_AGE.toNanos()) {
                        return false;
                    }
                    CHANNELS.forEach(c -> retriesAtLimit.computeIfAbsent(c, EventConsumerTest::retries));
                    return System.nanoTime() - began >= OUTAGE.toNanos()
                            && CHANNELS.stream().allMatch(c -> EventConsumerTest.retries(c) > retriesAtLimit.get(c));
                });
                // Not yet: and not for want of trying, the retries above were attempts to store them.
                assertThat(inboxEntries(users) + inboxEntries(orders)).isZero();
            } finally {
                outage(false);
            }
        }
        long restored = System.nanoTime();
        // With the connector's default limit, liveness turned DOWN here after 64 s and consumption never resumed.
        assertThat(liveness).isNotEmpty().allMatch("200 UP"::equals);
        List<UUID> everyone = new ArrayList<>(users);
        everyone.addAll(orders);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> everyone.stream().allMatch(u -> Mailboxes.to(smtp, email(u)).size() >= 1));
        long resumedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restored);
        // Only the record delivered twice could add a mail or entry. A later record of its key (same partition) is
        // handled after it; once no mail is PENDING, the SMTP server holds all there will be.
        UUID control = UUID.randomUUID();
        try (Events events = new Events(bootstrapServers)) {
            events.send(Events.USERS, users.get(0).toString(), Events.userRegistered(control, control,
                    email(control), "Control").toByteArray(), Events.headers("UserRegistered", "service"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> EventConsumerTest.processed(control)
                && everyone.stream().noneMatch(u -> EventConsumerTest.storedMails(email(u))
                        .contains(OutgoingMail.Status.PENDING)));
        // It was consumed again, and changed nothing. At least once, not exactly once: delivery is at-least-once, and
        // a redelivery of the broker's own (a rebalance before the offset commit) is detected the same way.
        double detected = EventConsumerTest.metric("notifications_events_total", "route=\"duplicate\"") - duplicates;
        assertThat(detected).isGreaterThanOrEqualTo(1);
        assertThat(everyone).allSatisfy(u -> assertThat(Mailboxes.to(smtp, email(u))).hasSize(1));
        assertThat(inboxEntries(everyone)).isEqualTo(everyone.size());
        EventConsumerTest.assertLive();
        try (Events events = new Events(bootstrapServers)) {
            assertThat(events.deadLettersAheadOfControls(Events.USERS, users.stream().map(UUID::toString).toList(),
                    Duration.ofSeconds(30))).isEmpty();
        }
        System.out.printf("Database outage of %d s, %d liveness probes all UP; %d events (one sent twice, %.0f "
                        + "redeliveries detected) handled once each, %d ms after the database came back%n",
                OUTAGE.toSeconds(), liveness.size(), everyone.size(), detected, resumedMillis);
    }

    /** Refuses (or allows again) the service's login and ends its open sessions: the database is gone for it. */
    private void outage(boolean begin) throws SQLException {
        try (Connection admin = superuser(); var sql = admin.createStatement()) {
            sql.execute("ALTER ROLE " + role + (begin ? " NOLOGIN" : " LOGIN"));
            if (begin) {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
            }
        }
    }

    private long inboxEntries(List<UUID> users) throws SQLException {
        try (Connection admin = superuser(); var query = admin.prepareStatement(
                "SELECT count(*) FROM notifications.inbox WHERE user_id = ANY (?)")) {
            query.setArray(1, admin.createArrayOf("uuid", users.toArray()));
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private Connection superuser() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, RealPostgres.SUPERUSER, RealPostgres.SUPERUSER);
    }

    private static String email(UUID user) {
        return "outage-" + user + "@example.org";
    }
}
