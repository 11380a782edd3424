package dev.stranglerbookshop.auth.store;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * While a move is in progress, every start runs one {@link AccountsMove#sync} before this instance is ready: the
 * monolith still writes accounts of its own (its administrator at its start, registrations on its own route), which
 * only a sync brings to this service's database, and a first start in {@code dual-write} is the backfill itself.
 * Retried (1 s, doubling to 30 s) while a database is unavailable; not ready meanwhile. Always ready where nothing
 * moves.
 */
@Readiness
@ApplicationScoped
public class SyncAtStart implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(SyncAtStart.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final Stores stores;
    private volatile AccountsMove.SyncReport synced;
    private volatile String lastFailure;
    private volatile Thread worker;

    SyncAtStart(Stores stores) {
        this.stores = stores;
    }

    void onStart(@Observes StartupEvent started) {
        if (!stores.phase().writesBoth()) {
            return;
        }
        worker = new Thread(this::syncUntilDone, "accounts-sync-at-start");
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
                synced = stores.move().sync(OptionalLong.empty());
                LOG.infof("Accounts move (phase %s): sync at start copied %d to own, %d to legacy in %d ms",
                        stores.phase().label(), synced.copiedToOwn(), synced.copiedToLegacy(), synced.millis());
                return;
            } catch (AccountStoreException e) {
                lastFailure = e.getMessage();
                LOG.warnf("Accounts move: sync at start failed (%s); again in %d s", e.getMessage(), wait.toSeconds());
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
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
