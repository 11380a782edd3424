package dev.stranglerbookshop.notifications.mail;

import dev.stranglerbookshop.infra.mail.Mailboxes;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.stranglerbookshop.notifications.events.Events;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SMTP down: mails wait and are retried with backoff, parked after the last attempt, delivered once it is back. */
@QuarkusTest
@TestProfile(UnreachableSmtp.class)
class MailRetryTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    MeterRegistry meters;

    @Test
    void aMailIsParkedAfterItsLastAttemptAndAnotherIsDeliveredOnceTheServerIsBack() throws Exception {
        UUID parkedEvent = UUID.randomUUID();
        UUID retriedEvent = UUID.randomUUID();
        String parkedTo = "parked-" + parkedEvent + "@example.org";
        String retriedTo = "retried-" + retriedEvent + "@example.org";
        GreenMail smtp = new GreenMail(new ServerSetup(UnreachableSmtp.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (Events events = new Events(bootstrapServers)) {
            publishWelcome(events, parkedEvent, parkedTo);
            OutgoingMail parked = await().pollInSameThread().atMost(Duration.ofSeconds(30))
                    .until(() -> mailOf(parkedEvent), m -> m != null && m.status == OutgoingMail.Status.PARKED);
            assertThat(parked.attempts).isEqualTo(4);
            assertThat(parked.lastError).isNotBlank();
            await().atMost(Duration.ofSeconds(5)).until(() -> gauge("notifications.mails.parked") == 1);

            publishWelcome(events, retriedEvent, retriedTo);
            OutgoingMail waiting = await().pollInSameThread().atMost(Duration.ofSeconds(30))
                    .until(() -> mailOf(retriedEvent), m -> m != null && m.attempts >= 1);
            assertThat(waiting.status).isEqualTo(OutgoingMail.Status.PENDING);
            assertThat(waiting.nextAttemptAt).isAfter(waiting.createdAt);
            await().atMost(Duration.ofSeconds(5)).until(() -> gauge("notifications.mails.pending") == 1);

            smtp.start();
            await().pollInSameThread().atMost(Duration.ofSeconds(30))
                    .until(() -> mailOf(retriedEvent).status == OutgoingMail.Status.SENT);
            String controlTo = "control-" + UUID.randomUUID() + "@example.org";
            storeDueAfter(controlTo, parkedEvent, retriedEvent);
            await().atMost(Duration.ofSeconds(30)).until(() -> to(smtp, controlTo) == 1);
            assertThat(to(smtp, retriedTo)).isEqualTo(1);
            assertThat(to(smtp, parkedTo)).isZero(); // parked stays parked: an operator decides
            assertThat(mailOf(parkedEvent).status).isEqualTo(OutgoingMail.Status.PARKED);
            await().atMost(Duration.ofSeconds(5)).until(() -> gauge("notifications.mails.pending") == 0);
            assertThat(gauge("notifications.mails.parked")).isEqualTo(1);
        } finally {
            smtp.stop();
        }
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private static void publishWelcome(Events events, UUID eventId, String email) throws Exception {
        UUID user = UUID.randomUUID();
        events.send(Events.USERS, user.toString(), Events.userRegistered(user, eventId, email, "Ada").toByteArray(),
                Events.headers("UserRegistered", "service"));
    }

    @Inject
    AgroalDataSource database;

    /**
     * Stores a mail for the retry loop alone (the consumer never hands it a first attempt), due just after the latest
     * next attempt of these events' mails. The round that sends it finds them due too, and ordered before it: had
     * either been picked again, it would have gone out before this one.
     */
    private void storeDueAfter(String recipient, UUID... eventIds) throws Exception {
        try (var connection = database.getConnection(); var insert = connection.prepareStatement(
                "INSERT INTO notifications.outgoing_mails (id, event_id, recipient, subject, body, status, attempts, "
                        + "next_attempt_at, created_at) SELECT ?, ?, ?, 'Control', 'Control', 'PENDING', 0, "
                        + "max(next_attempt_at) + interval '1 millisecond', now() FROM notifications.outgoing_mails "
                        + "WHERE event_id = ANY (?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, UUID.randomUUID());
            insert.setString(3, recipient);
            insert.setArray(4, connection.createArrayOf("uuid", eventIds));
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    /** Read with plain JDBC (auto-commit), outside the application's transactions. */
    private OutgoingMail mailOf(UUID eventId) throws Exception {
        try (var connection = database.getConnection(); var query = connection.prepareStatement(
                "SELECT status, attempts, created_at, next_attempt_at, last_error FROM notifications.outgoing_mails "
                        + "WHERE event_id = ?")) {
            query.setObject(1, eventId);
            try (var row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                OutgoingMail mail = new OutgoingMail();
                mail.status = OutgoingMail.Status.valueOf(row.getString(1));
                mail.attempts = row.getInt(2);
                mail.createdAt = row.getTimestamp(3).toInstant();
                mail.nextAttemptAt = row.getTimestamp(4).toInstant();
                mail.lastError = row.getString(5);
                return mail;
            }
        }
    }

    private static long to(GreenMail smtp, String email) {
        return Mailboxes.to(smtp, email).size();
    }
}
