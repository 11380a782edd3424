package dev.stranglerbookshop.auth.store;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * While a move is in progress, every start runs one {@link AccountsMove#sync} before this instance is ready, and then
 * one every {@code bookshop.auth.accounts.sync-interval} (30 s) to keep both databases in step: the
 * monolith still writes accounts of its own (its administrator at its start, registrations on its own route), which
 * only a sync brings to this service's database, and a first start in {@code dual-write} is the backfill itself.
 * Then {@link AccountsSynced} is fired (the administrator's bootstrap). Retried (1 s, doubling to 30 s) while a
 * database is unavailable; not ready meanwhile. Always ready where nothing moves.
 */
@Readiness
@ApplicationScoped
public class SyncAtStart implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(SyncAtStart.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final Stores stores;
    private final Duration interval;
    private final Event<AccountsSynced> announce;
    private volatile AccountsMove.SyncReport synced;
    private volatile String lastFailure;
    private volatile Thread worker;

    SyncAtStart(Stores stores, MoveSettings settings, Event<AccountsSynced> announce) {
        this.stores = stores;
        this.interval = settings.syncInterval();
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("bookshop.auth.accounts.sync-interval is " + interval
                    + ", not at least 1 s (each sync reads both accounts tables)");
        }
        this.announce = announce;
    }

    /**
     * Fired once per start, after the sync at start and before this instance is ready (observers run first; one that
     * throws {@link AccountStoreException} makes the whole step run again).
     */
    public record AccountsSynced(MovePhase phase) {
    }

    void onStart(@Observes StartupEvent started) {
        if (!stores.phase().writesBoth()) {
            return;
        }
        worker = new Thread(() -> {
            syncUntilDone();
            keepInStep();
        }, "accounts-sync");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent stopping) {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
    }

    private void syncUntilDone() {
        Duration wait = FIRST_RETRY;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                AccountsMove.SyncReport report = stores.move().sync(OptionalLong.empty());
                LOG.infof("Accounts move (phase %s): sync at start copied %d to own, %d to legacy in %d ms",
                        stores.phase().label(), report.copiedToOwn(), report.copiedToLegacy(), report.millis());
                announce.fire(new AccountsSynced(stores.phase()));
                synced = report;
                return;
            } catch (RuntimeException e) { // a database (AccountStoreException) or the administrator's bootstrap
                lastFailure = e.getMessage();
                // Expected for a moment on a fresh start: the monolith may not have migrated or granted its schema yet.
                LOG.warnf("Accounts move: sync at start failed (%s); again in %d s (not ready until it succeeds)",
                        e.getMessage(), wait.toSeconds());
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopping: keepInStep sees it too
                return;
            }
            wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
        }
    }

    /** Every {@code sync-interval} after the first: failures are logged and the next round tries again. */
    private void keepInStep() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval.toMillis());
                AccountsMove.SyncReport report = stores.move().sync(OptionalLong.empty());
                if (report.copiedToOwn() + report.copiedToLegacy() > 0) {
                    LOG.infof("Accounts move (phase %s): sync copied %d to own, %d to legacy", stores.phase().label(),
                            report.copiedToOwn(), report.copiedToLegacy());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) { // the next round tries again: the thread must outlive any failure
                LOG.warnf("Accounts move: sync failed (%s); again in %d s", e.getMessage(), interval.toSeconds());
            }
        }
    }

    @Override
    public HealthCheckResponse call() {
        if (!stores.phase().writesBoth()) {
            return HealthCheckResponse.up("accounts-move");
        }
        AccountsMove.SyncReport report = synced;
        if (report == null) {
            return HealthCheckResponse.named("accounts-move").down().withData("phase", stores.phase().label())
                    .withData("reason", lastFailure == null ? "the sync at start is running"
                            : "the sync at start failed: " + lastFailure).build();
        }
        return HealthCheckResponse.named("accounts-move").up().withData("phase", stores.phase().label())
                .withData("copiedToOwn", report.copiedToOwn()).withData("copiedToLegacy", report.copiedToLegacy())
                .build();
    }
}
