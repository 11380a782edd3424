package dev.stranglerbookshop.notifications.events;

import dev.stranglerbookshop.infra.mail.Mailboxes;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.stranglerbookshop.infra.quarkus.InjectSmtp;
import dev.stranglerbookshop.notifications.mail.OutgoingMail;
import dev.stranglerbookshop.platform.strangler.ShadowComparisons;
import dev.stranglerbookshop.proto.notifications.v1.InboxService;
import dev.stranglerbookshop.proto.notifications.v1.ListInboxRequest;
import dev.stranglerbookshop.proto.notifications.v1.ListInboxResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.common.header.internals.RecordHeaders;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Real broker → consumer → PostgreSQL → real SMTP server, and the inbox over gRPC. */
@QuarkusTest
class EventConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @InjectSmtp
    GreenMail smtp;

    @GrpcClient("inbox")
    InboxService inbox;

    Events events;

    @BeforeEach
    void connect() {
        events = new Events(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    @Test
    void anOrderEventDeliveredTwiceSendsOneMailAndKeepsOneInboxEntry() throws Exception {
        UUID order = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        String email = "twice-" + order + "@example.org";
        byte[] placed = Events.orderPlaced(order, UUID.randomUUID(), customer, email).toByteArray();

        double duplicates = metric("notifications_events_total", "route=\"duplicate\"");

        events.send(Events.ORDERS, order.toString(), placed, Events.headers("OrderPlaced", "service"));
        events.send(Events.ORDERS, order.toString(), placed, Events.headers("OrderPlaced", "service"));
        // Same key, so same partition, after the duplicate: once it is handled, the duplicate was too.
        UUID welcome = UUID.randomUUID();
        events.send(Events.ORDERS, order.toString(), Events.userRegistered(customer, welcome, email, "Ada")
                .toByteArray(), Events.headers("UserRegistered", "service"));

        awaitSettled(welcome, email);
        // The duplicate reached the consumer before that: it could have sent a second mail, and did not.
        // At least once: the broker may redeliver on its own (a rebalance before the offset commit), detected alike.
        assertThat(metric("notifications_events_total", "route=\"duplicate\"")).isGreaterThanOrEqualTo(duplicates + 1);
        assertThat(storedMails(email)).hasSize(2);
        List<MimeMessage> mails = mailsTo(email);
        assertThat(mails).hasSize(2);
        MimeMessage confirmation = mails.stream().filter(m -> subject(m).startsWith("Your order")).findFirst()
                .orElseThrow();
        assertThat(subject(confirmation)).isEqualTo("Your order " + order.toString().substring(0, 8) + " is confirmed");
        assertThat(GreenMailUtil.getBody(confirmation)).contains("Thank you for your order " + order,
                "2 x Middlemarch at 12.50 EUR", "1 x Emma at 8.00 EUR", "Total: 33.00 EUR");
        ListInboxResponse entries = inboxOf(customer, 0, 20);
        assertThat(entries.getTotal()).isEqualTo(2);
        assertThat(entries.getNotificationsList()).extracting(n -> n.getKind())
                .containsExactlyInAnyOrder("ORDER_PLACED", "WELCOME");
    }

    @Test
    void anEventWithoutRouteHeaderIsTheServicesToSend() throws Exception {
        UUID user = UUID.randomUUID();
        String email = "welcome-" + user + "@example.org";
        Map<String, String> headers = Events.headers("UserRegistered", null);
        events.send(Events.USERS, user.toString(), Events.userRegistered(user, UUID.randomUUID(), email, "Grace")
                .toByteArray(), headers);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() == 1);
        MimeMessage welcome = mailsTo(email).get(0);
        assertThat(subject(welcome)).isEqualTo("Welcome to the Strangler Bookshop");
        assertThat(GreenMailUtil.getBody(welcome)).contains("Hello Grace,");
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithAReasonAndLaterRecordsStillArrive() throws Exception {
        String garbage = "garbage-" + UUID.randomUUID();
        String unknownType = "unknown-type-" + UUID.randomUUID();
        String noType = "no-type-" + UUID.randomUUID();
        String badRoute = "bad-route-" + UUID.randomUUID();
        events.send(Events.ORDERS, garbage, "not protobuf".getBytes(StandardCharsets.UTF_8),
                Events.headers("OrderPlaced", "service"));
        events.send(Events.ORDERS, unknownType, new byte[0], Events.headers("OrderRefunded", "service"));
        events.send(Events.ORDERS, noType, new byte[0], Map.of());
        UUID order = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        events.send(Events.ORDERS, badRoute, Events.orderPlaced(order, UUID.randomUUID(), customer, "x@example.org")
                .toByteArray(), Events.headers("OrderPlaced", "everywhere"));
        String email = "after-poison-" + order + "@example.org";
        events.send(Events.ORDERS, order.toString(), Events.orderPlaced(order, UUID.randomUUID(), customer, email)
                .toByteArray(), Events.headers("OrderPlaced", "service"));

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() == 1);
        Map<String, String> reasons = events.deadLetters(Events.ORDERS, List.of(garbage, unknownType, noType, badRoute),
                Duration.ofSeconds(20));
        assertThat(reasons.get(garbage)).contains("not a OrderPlaced message");
        assertThat(reasons.get(unknownType)).contains("unknown event-type 'OrderRefunded'");
        assertThat(reasons.get(noType)).contains("no event-type header");
        assertThat(reasons.get(badRoute)).contains("unknown notifications-route 'everywhere'");
    }

    // Records the relay never writes: each is parked with its reason at once, the next record of the same key (same
    // partition, after it) is handled, and liveness stays UP. A tombstone or a header without a value used to be
    // retried as a passing failure until the connector gave up on the channel (after 60 s: liveness DOWN).

    @Test
    void aTombstoneNamedUserRegisteredIsDeadLetteredAndTheNextRecordHandled() throws Exception {
        UUID user = UUID.randomUUID();
        events.send(Events.USERS, user.toString(), null, Events.headers("UserRegistered", "service"));

        assertDeadLetteredThenNextHandled(user, "no value (a tombstone)");
    }

    @Test
    void aHeaderWithoutValueIsDeadLetteredAndTheNextRecordHandled() throws Exception {
        UUID user = UUID.randomUUID();
        RecordHeaders headers = Events.recordHeaders(Events.headers("UserRegistered", null));
        headers.add("notifications-route", null);
        headers.add("traceparent", null);
        events.send(Events.USERS, user.toString(), Events.userRegistered(user, UUID.randomUUID(),
                "null-header-" + user + "@example.org", "Nobody").toByteArray(), headers);

        assertDeadLetteredThenNextHandled(user, "header notifications-route has no value");
    }

    @Test
    void everyOtherMalformedShapeIsDeadLetteredAndTheNextRecordHandled() throws Exception {
        UUID user = UUID.randomUUID();
        String key = user.toString();
        List<String> reasons = new ArrayList<>();
        // One key for all, so they share a partition and the good record comes after every one of them.
        byte[] good = Events.userRegistered(user, UUID.randomUUID(), "shapes-" + user + "@example.org", "Shapes")
                .toByteArray();

        RecordHeaders duplicated = Events.recordHeaders(Events.headers("UserRegistered", "service"));
        duplicated.add("event-type", "OrderPlaced".getBytes(StandardCharsets.UTF_8));
        events.send(Events.USERS, key, good, duplicated);
        reasons.add("header event-type appears more than once");

        RecordHeaders notUtf8 = Events.recordHeaders(Events.headers("UserRegistered", null));
        notUtf8.add("notifications-route", new byte[] {'s', (byte) 0xFF, 'e'});
        events.send(Events.USERS, key, good, notUtf8);
        reasons.add("header notifications-route is not UTF-8");

        events.send(Events.USERS, key, new byte[0], Events.headers("UserRegistered", "service"));
        reasons.add("empty value");

        // Under the broker's 1 MiB limit, so it reaches the consumer (and its copy the dead-letter topic).
        byte[] huge = new byte[EventParser.MAX_VALUE_BYTES - 100_000];
        Arrays.fill(huge, (byte) 0xFF); // an endless varint: not protobuf
        events.send(Events.USERS, key, huge, Events.headers("UserRegistered", "service"));
        reasons.add("not a UserRegistered message");

        events.send(Events.USERS, key, "{\"type\":\"UserRegistered\",\"email\":\"json@example.org\"}"
                .getBytes(StandardCharsets.UTF_8), Events.headers("UserRegistered", "service"));
        reasons.add("not a UserRegistered message");

        events.send(Events.USERS, key, Events.userRegistered(user, UUID.randomUUID(), "nul@example.org", "Nul\0")
                .toByteArray(), Events.headers("UserRegistered", "service"));
        reasons.add("display_name contains a NUL character");

        events.send(Events.USERS, key, good, Events.headers("UserRegistered", "service"));

        await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo("shapes-" + user + "@example.org").size() == 1);
        List<String> parked = events.deadLetterReasons(Events.USERS, key, reasons.size(), Duration.ofSeconds(20));
        assertThat(parked).hasSize(reasons.size());
        for (int i = 0; i < reasons.size(); i++) {
            assertThat(parked.get(i)).contains(reasons.get(i));
        }
        assertLive();
    }

    /** Sends a good record with the same key after the bad one: it is handled, the bad one parked with reason. */
    private void assertDeadLetteredThenNextHandled(UUID user, String reason) throws Exception {
        String email = "next-" + user + "@example.org";
        events.send(Events.USERS, user.toString(), Events.userRegistered(user, UUID.randomUUID(), email, "Next")
                .toByteArray(), Events.headers("UserRegistered", "service"));

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() == 1);
        assertThat(events.deadLetterReasons(Events.USERS, user.toString(), 1, Duration.ofSeconds(20)))
                .singleElement().asString().contains(reason);
        assertLive();
    }

    /** The connector reports a channel it gave up on here; a DOWN liveness restarts the service. */
    static void assertLive() {
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void inShadowTheServiceOnlyComparesAndInMonolithModeItOnlyRecords() throws Exception {
        UUID order = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        String email = "shadow-" + order + "@example.org";
        // What the service itself writes for this order is what the monolith would have sent.
        UUID reference = UUID.randomUUID();
        events.send(Events.ORDERS, order.toString(), Events.orderPlaced(order, reference, customer, email)
                .toByteArray(), Events.headers("OrderPlaced", "service"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailOf(reference) != null);
        OutgoingMail sent = mailOf(reference);
        double matches = metric("strangler_shadow_total", "outcome=\"match\"");
        double mismatches = metric("strangler_shadow_total", "outcome=\"mismatch\"");

        Map<String, String> same = shadowHeaders(sent.recipient, sent.subject, ShadowComparisons.sha256(sent.body));
        Map<String, String> other = shadowHeaders(sent.recipient, "Your order is lost", ShadowComparisons.sha256(sent.body));
        UUID matching = UUID.randomUUID();
        UUID differing = UUID.randomUUID();
        UUID monolithOnly = UUID.randomUUID();
        events.send(Events.ORDERS, order.toString(), Events.orderPlaced(order, matching, customer, email)
                .toByteArray(), same);
        events.send(Events.ORDERS, order.toString(), Events.orderPlaced(order, differing, customer, email)
                .toByteArray(), other);
        events.send(Events.ORDERS, order.toString(), Events.orderPlaced(order, monolithOnly, customer, email)
                .toByteArray(), Events.headers("OrderPlaced", "monolith"));

        awaitSettled(monolithOnly, email);
        assertThat(metric("strangler_shadow_total", "outcome=\"match\"")).isEqualTo(matches + 1);
        assertThat(metric("strangler_shadow_total", "outcome=\"mismatch\"")).isEqualTo(mismatches + 1);
        assertThat(storedMails(email)).hasSize(1);
        assertThat(mailsTo(email)).hasSize(1); // the reference mail only
        assertThat(inboxOf(customer, 0, 20).getTotal()).isEqualTo(1);
        assertThat(mailOf(matching)).isNull();
        assertThat(mailOf(monolithOnly)).isNull();
    }

    @Test
    void theInboxPagesNewestFirstAndRefusesANegativeOrHugePage() throws Exception {
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            events.send(Events.USERS, user.toString(), Events.userRegistered(user, UUID.randomUUID(),
                    "pages-" + user + "@example.org", "Reader " + i).toByteArray(), Events.headers("UserRegistered", "service"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxOf(user, 0, 20).getTotal() == 3);
        ListInboxResponse first = inboxOf(user, 0, 2);
        ListInboxResponse second = inboxOf(user, 1, 2);
        assertThat(first.getNotificationsCount()).isEqualTo(2);
        assertThat(second.getNotificationsCount()).isEqualTo(1);
        assertThat(first.getNotifications(0).getBody()).contains("Hello Reader 2,");
        assertThat(second.getNotifications(0).getBody()).contains("Hello Reader 0,");
        assertThatThrownBy(() -> inboxOf(user, -1, 2)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThatThrownBy(() -> inboxOf(user, Integer.MAX_VALUE, 100)).isInstanceOfSatisfying(
                StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void theInboxFollowsWhenThingsHappenedNotWhenTheirEventsArrived() throws Exception {
        // Users and orders are separate topics, consumed independently: a welcome can arrive after the order.
        UUID user = UUID.randomUUID();
        String email = "story-" + user + "@example.org";
        events.send(Events.ORDERS, UUID.randomUUID().toString(), Events.orderPlaced(UUID.randomUUID(),
                UUID.randomUUID(), user, email).toByteArray(), Events.headers("OrderPlaced", "service"));
        events.send(Events.USERS, user.toString(), Events.userRegistered(user, UUID.randomUUID(), email, "Late",
                Instant.now().minusSeconds(60)).toByteArray(), Events.headers("UserRegistered", "service"));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxOf(user, 0, 20).getTotal() == 2);
        assertThat(inboxOf(user, 0, 20).getNotificationsList()).extracting(n -> n.getKind())
                .containsExactly("ORDER_PLACED", "WELCOME");
    }

    private static Map<String, String> shadowHeaders(String recipient, String subject, String sha) {
        Map<String, String> headers = new HashMap<>(Events.headers("OrderPlaced", "shadow"));
        headers.put("expected-recipient", recipient);
        headers.put("expected-subject", subject);
        headers.put("expected-body-sha256", sha);
        return headers;
    }

    private static OutgoingMail mailOf(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> OutgoingMail.<OutgoingMail>find("eventId", eventId)
                .firstResult());
    }

    /**
     * Waits until {@code last} is handled and no mail to {@code email} is still PENDING. Records of one key are handled
     * in order, so every earlier record of that key has been handled too; and a mail is marked SENT only once the
     * SMTP server took it, so the server then holds every mail these records will ever send.
     */
    static void awaitSettled(UUID last, String email) {
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(last)
                && !storedMails(email).contains(OutgoingMail.Status.PENDING));
    }

    /** The status of every mail stored for this recipient. */
    static List<OutgoingMail.Status> storedMails(String email) {
        return QuarkusTransaction.requiringNew().call(() -> OutgoingMail.<OutgoingMail>list("recipient", email)
                .stream().map(m -> m.status).toList());
    }

    /** Retries of this {@link EventConsumer} method so far (the fault-tolerance extension's counter): each follows a
     * failed attempt. */
    static double retries(String method) {
        return metric("ft_retry_retries_total", "method=\"" + EventConsumer.class.getName() + "." + method + "\"");
    }

    static boolean processed(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) OutgoingMail.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM notifications.processed_events WHERE event_id = :id")
                .setParameter("id", eventId).getSingleResult()).intValue() == 1);
    }

    private ListInboxResponse inboxOf(UUID user, int page, int size) {
        return inbox.listInbox(ListInboxRequest.newBuilder().setUserId(user.toString()).setPage(page)
                .setPageSize(size).build()).await().atMost(Duration.ofSeconds(5));
    }

    private List<MimeMessage> mailsTo(String email) {
        return Mailboxes.to(smtp, email);
    }

    private static String subject(MimeMessage message) {
        return Mailboxes.subject(message);
    }

    static double metric(String name, String label) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        var sample = java.util.regex.Pattern.compile("^" + name + "\\{([^}]*)} (\\S+)");
        return text.lines().map(sample::matcher).filter(java.util.regex.Matcher::find)
                .filter(m -> m.group(1).contains(label))
                .mapToDouble(m -> Double.parseDouble(m.group(2))).sum();
    }
}
