package dev.stranglerbookshop.notifications.events;

import com.icegreen.greenmail.util.GreenMail;
import dev.stranglerbookshop.infra.quarkus.InjectSmtp;
import dev.stranglerbookshop.notifications.Metrics;
import dev.stranglerbookshop.notifications.mail.OutgoingMail;
import dev.stranglerbookshop.proto.events.v1.OrderPlaced;
import dev.stranglerbookshop.proto.notifications.v1.InboxService;
import dev.stranglerbookshop.proto.notifications.v1.ListInboxRequest;
import dev.stranglerbookshop.proto.notifications.v1.ListInboxResponse;
import dev.stranglerbookshop.proto.notifications.v1.Notification;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Real broker → consumer → PostgreSQL → real SMTP server, and the inbox over gRPC. */
@QuarkusTest
class EventConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

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
    void anOrderEventDeliveredTwiceSendsTheMonolithsMailOnceAndKeepsOneInboxEntry() throws Exception {
        UUID order = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String email = "twice-" + order + "@example.org";
        byte[] placed = Events.orderPlaced(order, eventId, customer, email).toByteArray();

        events.send(Events.ORDERS, order.toString(), placed, Events.headers("OrderPlaced", eventId, "service"));
        events.send(Events.ORDERS, order.toString(), placed, Events.headers("OrderPlaced", eventId, "service"));
        // Same key, so same partition, after the duplicate: once it is handled, the duplicate was too.
        UUID last = UUID.randomUUID();
        events.send(Events.ORDERS, order.toString(), Events.orderCancelled(order, last, customer, email).toByteArray(),
                Events.headers("OrderCancelled", last, "service"));

        await().atMost(WAIT).until(() -> processed(last) && sent(eventId));
        Thread.sleep(500); // time for a second mail, were there one
        List<MimeMessage> mails = mailsTo(email);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo(Events.monolithOrderPlacedSubject(order));
        assertThat(text(mails.get(0))).isEqualTo(Events.monolithOrderPlacedBody(order));
        assertThat(mails.get(0).getFrom()[0].toString()).isEqualTo("Strangler Bookshop <shop@bookshop.local>");

        ListInboxResponse entries = inboxOf(customer, 0, 20);
        assertThat(entries.getTotal()).isEqualTo(1);
        Notification entry = entries.getNotifications(0);
        assertThat(entry.getKind()).isEqualTo("ORDER_PLACED");
        assertThat(entry.getSourceEventId()).isEqualTo(eventId.toString());
        assertThat(entry.getSubject()).isEqualTo(Events.monolithOrderPlacedSubject(order));
        assertThat(entry.getBody()).isEqualTo(Events.monolithOrderPlacedBody(order));
        assertThat(mailOf(eventId).attempts).isEqualTo(1);
        assertThat(mailOf(last)).isNull(); // the monolith sends nothing for a cancellation either
    }

    @Test
    void aRegistrationWithoutRouteHeaderIsTheServicesToWelcome() throws Exception {
        UUID user = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String email = "welcome-" + user + "@example.org";
        events.send(Events.USERS, user.toString(), Events.userRegistered(user, eventId, email, "Grace").toByteArray(),
                Events.headers("UserRegistered", eventId, null));

        await().atMost(WAIT).until(() -> mailsTo(email).size() == 1);
        MimeMessage welcome = mailsTo(email).get(0);
        assertThat(welcome.getSubject()).isEqualTo("Welcome to the Strangler Bookshop");
        assertThat(text(welcome)).isEqualTo(Events.monolithWelcomeBody("Grace"));
        assertThat(inboxOf(user, 0, 20).getNotificationsList()).extracting(Notification::getKind)
                .containsExactly("WELCOME");
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithAReasonAndLaterRecordsStillArrive() throws Exception {
        String garbage = "garbage-" + UUID.randomUUID();
        String unknownType = "unknown-type-" + UUID.randomUUID();
        String noType = "no-type-" + UUID.randomUUID();
        String badRoute = "bad-route-" + UUID.randomUUID();
        String badId = "bad-id-" + UUID.randomUUID();
        String noMetadata = "no-metadata-" + UUID.randomUUID();
        UUID order = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        OrderPlaced valid = Events.orderPlaced(order, UUID.randomUUID(), customer, "x@example.org");

        events.send(Events.ORDERS, garbage, "not protobuf".getBytes(StandardCharsets.UTF_8),
                Events.headers("OrderPlaced", UUID.randomUUID(), "service"));
        events.send(Events.ORDERS, unknownType, new byte[0], Events.headers("OrderRefunded", UUID.randomUUID(), "service"));
        events.send(Events.ORDERS, noType, valid.toByteArray(), Map.of());
        events.send(Events.ORDERS, badRoute, valid.toByteArray(), Events.headers("OrderPlaced", UUID.randomUUID(), "everywhere"));
        events.send(Events.ORDERS, badId, valid.toBuilder().setOrderId("order-7").build().toByteArray(),
                Events.headers("OrderPlaced", UUID.randomUUID(), "service"));
        events.send(Events.ORDERS, noMetadata, valid.toBuilder().clearMetadata().build().toByteArray(),
                Events.headers("OrderPlaced", UUID.randomUUID(), "service"));
        UUID good = UUID.randomUUID();
        String email = "after-poison-" + order + "@example.org";
        events.send(Events.ORDERS, order.toString(), Events.orderPlaced(order, good, customer, email).toByteArray(),
                Events.headers("OrderPlaced", good, "service"));

        await().atMost(WAIT).until(() -> mailsTo(email).size() == 1);
        List<String> keys = List.of(garbage, unknownType, noType, badRoute, badId, noMetadata);
        Map<String, String> reasons = events.deadLetters(Events.ORDERS, keys, Duration.ofSeconds(20));
        assertThat(reasons).containsKeys(keys.toArray(String[]::new));
        assertThat(reasons.get(garbage)).contains("not a OrderPlaced message");
        assertThat(reasons.get(unknownType)).contains("unknown event-type 'OrderRefunded'");
        assertThat(reasons.get(noType)).contains("no event-type header");
        assertThat(reasons.get(badRoute)).contains("unknown notifications-route 'everywhere'");
        assertThat(reasons.get(badId)).contains("order_id is not a UUID: 'order-7'");
        assertThat(reasons.get(noMetadata)).contains("no metadata");
        assertThat(inboxOf(customer, 0, 20).getTotal()).isEqualTo(1); // the good one only
    }

    @Test
    void inShadowTheServiceComparesWithTheMonolithsMailAndSendsNothing() throws Exception {
        UUID order = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        String email = "shadow-" + order + "@example.org";
        String subject = Events.monolithOrderPlacedSubject(order);
        String body = Events.monolithOrderPlacedBody(order);
        double matches = shadow("match");
        double mismatches = shadow("mismatch");

        UUID matching = UUID.randomUUID();
        events.send(Events.ORDERS, order.toString(), Events.orderPlaced(order, matching, customer, email).toByteArray(),
                Events.shadowHeaders("OrderPlaced", matching, email, subject, body));
        await().atMost(WAIT).until(() -> processed(matching));
        assertThat(shadow("match")).isEqualTo(matches + 1);
        assertThat(shadow("mismatch")).isEqualTo(mismatches);

        UUID differing = UUID.randomUUID();
        events.send(Events.ORDERS, order.toString(), Events.orderPlaced(order, differing, customer, email).toByteArray(),
                Events.shadowHeaders("OrderPlaced", differing, email, "Your order is lost", body));
        await().atMost(WAIT).until(() -> processed(differing));
        assertThat(shadow("mismatch")).isEqualTo(mismatches + 1);
        assertThat(shadow("match")).isEqualTo(matches + 1);

        Thread.sleep(300);
        assertThat(mailsTo(email)).isEmpty(); // the monolith sent it
        assertThat(inboxOf(customer, 0, 20).getTotal()).isZero(); // and keeps the inbox entry
        assertThat(mailOf(matching)).isNull();
        assertThat(mailOf(differing)).isNull();
    }

    @Test
    void inMonolithModeTheServiceOnlyRecordsTheEvent() throws Exception {
        UUID order = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String email = "monolith-" + order + "@example.org";
        double counted = Metrics.sum("notifications_events_total", "type=\"OrderPlaced\"", "route=\"monolith\"");

        events.send(Events.ORDERS, order.toString(), Events.orderPlaced(order, eventId, customer, email).toByteArray(),
                Events.headers("OrderPlaced", eventId, "monolith"));

        await().atMost(WAIT).until(() -> processed(eventId));
        assertThat(Metrics.sum("notifications_events_total", "type=\"OrderPlaced\"", "route=\"monolith\""))
                .isEqualTo(counted + 1);
        Thread.sleep(300);
        assertThat(mailsTo(email)).isEmpty();
        assertThat(mailOf(eventId)).isNull();
        assertThat(inboxOf(customer, 0, 20).getTotal()).isZero();
    }

    @Test
    void theInboxPagesNewestFirstWithTheTotalAndRefusesANegativePage() throws Exception {
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            UUID eventId = UUID.randomUUID();
            events.send(Events.USERS, user.toString(), Events.userRegistered(user, eventId,
                    "pages-" + user + "@example.org", "Reader " + i).toByteArray(),
                    Events.headers("UserRegistered", eventId, "service"));
        }
        await().atMost(WAIT).until(() -> inboxOf(user, 0, 20).getTotal() == 3);
        ListInboxResponse first = inboxOf(user, 0, 2);
        ListInboxResponse second = inboxOf(user, 1, 2);
        ListInboxResponse beyond = inboxOf(user, 2, 2);
        assertThat(first.getTotal()).isEqualTo(3);
        assertThat(second.getTotal()).isEqualTo(3);
        assertThat(first.getNotificationsList()).extracting(Notification::getBody)
                .containsExactly(Events.monolithWelcomeBody("Reader 2"), Events.monolithWelcomeBody("Reader 1"));
        assertThat(second.getNotificationsList()).extracting(Notification::getBody)
                .containsExactly(Events.monolithWelcomeBody("Reader 0"));
        assertThat(beyond.getNotificationsList()).isEmpty();
        assertThat(beyond.getTotal()).isEqualTo(3);
        assertThatThrownBy(() -> inboxOf(user, -1, 2)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    private static OutgoingMail mailOf(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> OutgoingMail.<OutgoingMail>find("eventId", eventId)
                .firstResult());
    }

    private static boolean sent(UUID eventId) {
        OutgoingMail mail = mailOf(eventId);
        return mail != null && mail.status == OutgoingMail.Status.SENT;
    }

    private static boolean processed(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) OutgoingMail.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM notifications.processed_events WHERE event_id = :id")
                .setParameter("id", eventId).getSingleResult()).intValue() == 1);
    }

    private ListInboxResponse inboxOf(UUID user, int page, int size) {
        return inbox.listInbox(ListInboxRequest.newBuilder().setUserId(user.toString()).setPage(page)
                .setPageSize(size).build()).await().atMost(Duration.ofSeconds(5));
    }

    private List<MimeMessage> mailsTo(String email) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.toString(m.getAllRecipients()).contains(email);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The decoded text; SMTP carries line ends as CRLF, the templates have LF. */
    private static String text(MimeMessage message) throws Exception {
        return ((String) message.getContent()).replace("\r\n", "\n");
    }

    private static double shadow(String outcome) {
        return Metrics.sum("strangler_shadow_total", "capability=\"notifications\"", "operation=\"ORDER_PLACED\"",
                "outcome=\"" + outcome + "\"");
    }
}
