package dev.stranglerbookshop.messaging.outbox.internal;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import dev.stranglerbookshop.messaging.outbox.Outbox;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.Semaphore;

/**
 * The one thread per instance that runs the relay, as soon as it is woken: by a commit that wrote outbox rows in this
 * process ({@link TransactionalOutbox}), by another instance's commit ({@link CommitListener}, PostgreSQL
 * {@code LISTEN/NOTIFY}), or by the safety-net poll ({@code bookshop.outbox.poll-interval}, 1 s) should a wake-up be
 * lost. Wake-ups collapse into one permit; one that arrives during a tick is kept, so a row committed just after the tick read its batch goes out
 * in the next tick at once, not a poll later. Ticks never overlap in one instance; across instances the relay's
 * advisory lock decides. Pausing the scheduled job {@value OutboxRelay#RELAY_JOB} pauses this thread's ticks too.
 */
@ApplicationScoped
@IfBuildProperty(name = Outbox.PUBLISHER_PROPERTY, stringValue = "true")
class RelayWorker {

    private static final Logger LOG = Logger.getLogger(RelayWorker.class);

    private final OutboxRelay relay;
    private final Scheduler scheduler;
    private final OutboxRelay.Disabled disabled;
    private final OutboxSettings settings;
    private final Semaphore wakeUps = new Semaphore(0);
    private final BackgroundLoop loop;

    RelayWorker(OutboxRelay relay, Scheduler scheduler, OutboxRelay.Disabled disabled, OutboxSettings settings) {
        this.relay = relay;
        this.scheduler = scheduler;
        this.disabled = disabled;
        this.settings = settings;
        // After a failed tick, one poll interval: a burst of wake-ups must not turn an outage into a busy loop.
        this.loop = new BackgroundLoop("outbox-relay", this::tickWhenWoken, "Outbox relay tick failed",
                settings.pollInterval(), LOG);
    }

    void start(@Observes StartupEvent started) {
        if (!disabled.outboxOff()) {
            relay.connect();
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        loop.stop(settings.publishDeadline().plusSeconds(1)); // a tick may be waiting for the broker's answer
    }

    /** The safety net: a wake-up every poll interval, should a commit's wake-up be lost (a listener reconnecting). */
    @Scheduled(identity = OutboxRelay.RELAY_JOB, every = "${bookshop.outbox.poll-interval:1s}",
            skipExecutionIf = OutboxRelay.Disabled.class)
    void poll() {
        wakeUp();
    }

    /** Asks for a tick now; cheap and safe from any thread, any number of times (they collapse into one). */
    void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    private void tickWhenWoken() throws InterruptedException {
        wakeUps.acquire();
        if (loop.running() && !scheduler.isPaused(OutboxRelay.RELAY_JOB)) {
            relay.tick();
        }
    }
}
