package dev.stranglerbookshop.messaging.outbox.internal;

import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * One named daemon thread that repeats a step until stopped: the lifecycle the relay's worker and its commit listener
 * share. A step that fails is logged as a WARN and repeated after a pause, so a burst of failures (the database down)
 * never becomes a busy loop; a step that is interrupted ends the loop.
 */
final class BackgroundLoop {

    /** One round of the loop's work; may block, and must return (or throw) when its thread is interrupted. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private final String name;
    private final Step step;
    private final String failure;
    private final Duration pauseAfterFailure;
    private final Logger log;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param name the thread's name
     * @param failure what a failed step means, for the WARN line (e.g. "Outbox relay tick failed")
     * @param pauseAfterFailure how long to wait after a failed step before the next one
     */
    BackgroundLoop(String name, Step step, String failure, Duration pauseAfterFailure, Logger log) {
        this.name = name;
        this.step = step;
        this.failure = failure;
        this.pauseAfterFailure = pauseAfterFailure;
        this.log = log;
    }

    synchronized void start() {
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the loop and waits up to {@code grace} for the current step to end; safe if never started. */
    synchronized void stop(Duration grace) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(grace.toMillis());
        }
    }

    /** False once {@link #stop} was called: a step that loops by itself checks it. */
    boolean running() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                step.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) { // e.g. the database is down: the next round tries again
                if (running) {
                    log.warnf("%s, trying again in %d ms: %s", failure, pauseAfterFailure.toMillis(), e.toString());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(pauseAfterFailure.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
