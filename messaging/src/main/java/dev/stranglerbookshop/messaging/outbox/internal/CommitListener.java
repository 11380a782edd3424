package dev.stranglerbookshop.messaging.outbox.internal;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import dev.stranglerbookshop.messaging.outbox.Outbox;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The cross-instance wake-up: every transaction that writes outbox rows also runs {@code NOTIFY bookshop_outbox}
 * (PostgreSQL delivers it at commit, to every session listening; see the PostgreSQL manual, NOTIFY), and this class
 * keeps one connection per instance in {@code LISTEN} and wakes the {@link RelayWorker}. So the instance holding the
 * relay lock publishes another instance's rows at once. Losing the connection loses nothing: the relay's poll still
 * runs, and the listener reconnects after a second.
 */
@ApplicationScoped
@IfBuildProperty(name = Outbox.PUBLISHER_PROPERTY, stringValue = "true")
public class CommitListener {

    /** The channel name, shared by {@link TransactionalOutbox}'s NOTIFY. */
    public static final String CHANNEL = "bookshop_outbox";

    private static final Logger LOG = Logger.getLogger(CommitListener.class);
    private static final int WAIT_MS = 1_000;

    private final AgroalDataSource database;
    private final RelayWorker worker;
    private final OutboxRelay.Disabled disabled;
    private final BackgroundLoop loop;

    CommitListener(AgroalDataSource database, RelayWorker worker, OutboxRelay.Disabled disabled) {
        this.database = database;
        this.worker = worker;
        this.disabled = disabled;
        this.loop = new BackgroundLoop("outbox-commit-listener", this::listen,
                "Outbox commit listener lost its connection", Duration.ofMillis(WAIT_MS), LOG);
    }

    void start(@Observes StartupEvent started) {
        if (!disabled.outboxOff()) {
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        loop.stop(Duration.ofMillis(WAIT_MS * 2L));
    }

    /** One connection's life: LISTEN, then wake the relay for every notification until the connection fails. */
    private void listen() throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
            PGConnection listening = connection.unwrap(PGConnection.class);
            while (loop.running()) {
                PGNotification[] notifications = listening.getNotifications(WAIT_MS);
                if (notifications != null && notifications.length > 0) {
                    worker.wakeUp();
                }
            }
        }
    }
}
