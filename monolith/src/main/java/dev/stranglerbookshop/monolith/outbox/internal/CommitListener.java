package dev.stranglerbookshop.monolith.outbox.internal;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The cross-instance wake-up: every transaction that writes outbox rows also runs {@code NOTIFY bookshop_outbox}
 * (PostgreSQL delivers it at commit, to every session listening; see the PostgreSQL manual, NOTIFY), and this class
 * keeps one connection per instance in {@code LISTEN} and wakes the {@link RelayWorker}. So the instance holding the
 * relay lock publishes another instance's rows at once. Losing the connection loses nothing: the relay's poll still
 * runs, and the listener reconnects after a second.
 */
@ApplicationScoped
class CommitListener {

    /** The channel name, shared by {@link TransactionalOutbox}'s NOTIFY. */
    static final String CHANNEL = "bookshop_outbox";

    private static final Logger LOG = Logger.getLogger(CommitListener.class);
    private static final int WAIT_MS = 1_000;

    private final AgroalDataSource database;
    private final RelayWorker worker;
    private final OutboxRelay.Disabled disabled;
    private volatile boolean running;
    private Thread thread;

    CommitListener(AgroalDataSource database, RelayWorker worker, OutboxRelay.Disabled disabled) {
        this.database = database;
        this.worker = worker;
        this.disabled = disabled;
    }

    void start(@Observes StartupEvent started) {
        if (disabled.outboxOff()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-commit-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(WAIT_MS * 2L);
        }
    }

    private void run() {
        while (running) {
            try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                PGConnection listening = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = listening.getNotifications(WAIT_MS);
                    if (notifications != null && notifications.length > 0) {
                        worker.wakeUp();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("Outbox commit listener lost its connection, reconnecting in 1 s: %s", e.toString());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
