package dev.stranglerbookshop.notifications.events;

import dev.stranglerbookshop.infra.postgres.RealPostgres;
import dev.stranglerbookshop.messaging.inbox.ProcessedEvents;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The start-up check behind the consumer channels: the idempotent consumer's table must exist and be writable by the
 * service's own role, or the service refuses to start instead of retrying every event as an outage. Checked here on
 * the real table, made missing and then read-only for a moment (restored after each).
 */
@QuarkusTest
class InboxTableCheckTest {

    @Inject
    ProcessedEvents processed;

    @ConfigProperty(name = "bookshop.test.postgres.jdbc-url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String role;

    @Test
    void theTableOfThisServicePasses() {
        assertThatCode(processed::requireWritable).doesNotThrowAnyException();
    }

    @Test
    void aMissingTableIsNamedWithTheFix() throws SQLException {
        as("ALTER TABLE notifications.processed_events RENAME TO processed_events_away");
        try {
            assertThatThrownBy(processed::requireWritable).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("\"notifications\".processed_events is missing")
                    .hasMessageContaining("db/inbox");
        } finally {
            as("ALTER TABLE notifications.processed_events_away RENAME TO processed_events");
        }
    }

    @Test
    void aTableTheRoleCannotWriteIsRefused() throws SQLException {
        as("REVOKE INSERT ON notifications.processed_events FROM " + role);
        try {
            assertThatThrownBy(processed::requireWritable).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is read-only");
        } finally {
            as("GRANT INSERT ON notifications.processed_events TO " + role);
        }
    }

    private void as(String statement) throws SQLException {
        try (Connection admin = DriverManager.getConnection(jdbcUrl, RealPostgres.SUPERUSER, RealPostgres.SUPERUSER);
                var sql = admin.createStatement()) {
            sql.execute(statement);
        }
    }
}
