package dev.stranglerbookshop.search.copy;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the {@link Backfill} in the background, one run at a time per instance: when an operator asks
 * ({@code POST /admin/copy/backfill}) and, with {@code bookshop.search.copy.backfill.on-start=true} (the default), at
 * start until one run has read the whole catalog. That first fill is what makes a fresh stage-4 installation, or
 * one moved up from stage 3, start in the end state: the index holds the catalog, then catalog events keep it there.
 * Until then the service is not ready ({@link IndexReadiness}). A start-time run that fails (the monolith not up
 * yet, say) is tried again from its checkpoint after 1 s, then twice as long each time, up to 30 s.
 */
@ApplicationScoped
public class BackfillRunner {

    private static final Logger LOG = Logger.getLogger(BackfillRunner.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final Backfill backfill;
    private final boolean enabled;
    private final boolean onStart;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "search-backfill");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private volatile boolean stopping;

    BackfillRunner(Backfill backfill, @ConfigProperty(name = "bookshop.search.copy.enabled") boolean enabled,
            @ConfigProperty(name = "bookshop.search.copy.backfill.on-start") boolean onStart) {
        this.backfill = backfill;
        this.enabled = enabled;
        this.onStart = onStart;
    }

    /**
     * @param maxPages at most this many pages (≥ 1), or to the end
     * @return false when a run is already going on here (nothing started)
     */
    public boolean start(Optional<Integer> maxPages) {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        lastFailure.set(null);
        runner.submit(() -> {
            try {
                backfill.run(maxPages);
            } catch (RuntimeException e) { // Backfill.Busy (another replica), the catalog or the database failing
                lastFailure.set(e.getMessage());
                LOG.warnf("Backfill stopped: %s (the next run resumes after the last checkpointed page)", e.toString());
            } finally {
                running.set(false);
            }
        });
        return true;
    }

    /** Whether a run is going on here. */
    public boolean running() {
        return running.get();
    }

    /** Why the last run here stopped before its end; null when it did not fail. */
    public String lastFailure() {
        return lastFailure.get();
    }

    void fillOnStart(@Observes StartupEvent started) {
        if (!enabled || !onStart || backfill.progress().map(p -> p.firstFinishedAt() != null).orElse(false)) {
            return;
        }
        running.set(true);
        runner.submit(() -> {
            Duration wait = FIRST_RETRY;
            try {
                while (!stopping) {
                    try {
                        if (backfill.run(Optional.empty()).finished()) {
                            lastFailure.set(null);
                            return;
                        }
                    } catch (RuntimeException e) {
                        lastFailure.set(e.getMessage());
                        LOG.warnf("First fill of the index: %s; trying again from the checkpoint in %d s", e.toString(),
                                wait.toSeconds());
                    }
                    Thread.sleep(wait.toMillis());
                    wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.set(false);
            }
        });
    }

    void stop(@Observes ShutdownEvent stopped) {
        stopping = true;
        runner.shutdownNow();
    }
}
