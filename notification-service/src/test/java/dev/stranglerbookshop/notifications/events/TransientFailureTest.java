package dev.stranglerbookshop.notifications.events;

import dev.stranglerbookshop.infra.mail.Mailboxes;
import com.icegreen.greenmail.util.GreenMail;
import dev.stranglerbookshop.infra.quarkus.InjectSmtp;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A failure that is not the record's fault is retried, not dead-lettered. The database refusing writes for a few
 * seconds (the service's role loses INSERT on the processed-events table, then gets it back) stands in for an outage.
 */
@QuarkusTest
class TransientFailureTest {

    /** Attempts refused before the grant comes back: the record must be retried, not parked after the first. */
    private static final int REFUSED_ATTEMPTS = 3;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @InjectSmtp
    GreenMail smtp;

    @Inject
    AgroalDataSource database;

    @Test
    void anEventThatCannotBeStoredForAWhileIsHandledOnceTheDatabaseAcceptsItAgain() throws Exception {
        UUID user = UUID.randomUUID();
        String email = "patient-" + user + "@example.org";
        try (Events events = new Events(bootstrapServers)) {
            double retries = EventConsumerTest.retries("onUserEvent");
            sql("REVOKE INSERT ON notifications.processed_events FROM notifications");
            try {
                events.send(Events.USERS, user.toString(), Events.userRegistered(user, UUID.randomUUID(), email,
                        "Patience").toByteArray(), Events.headers("UserRegistered", "service"));
                // Each retry follows a refused attempt, any of which would have sent the mail had it been stored.
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> EventConsumerTest.retries("onUserEvent") - retries >= REFUSED_ATTEMPTS);
                assertThat(mailsTo(email)).isZero();
            } finally {
                sql("GRANT INSERT ON notifications.processed_events TO notifications");
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(email) == 1);
            assertThat(events.deadLettersAheadOfControls(Events.USERS, List.of(user.toString()),
                    Duration.ofSeconds(30))).isEmpty();
        }
    }

    private void sql(String statement) throws Exception {
        try (var connection = database.getConnection(); var call = connection.createStatement()) {
            call.execute(statement);
        }
    }

    private long mailsTo(String email) {
        return Mailboxes.to(smtp, email).size();
    }
}
