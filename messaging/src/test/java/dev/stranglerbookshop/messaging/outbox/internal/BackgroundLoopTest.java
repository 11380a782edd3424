package dev.stranglerbookshop.messaging.outbox.internal;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BackgroundLoopTest {

    private static final Logger LOG = Logger.getLogger(BackgroundLoopTest.class);

    @Test
    void aFailingStepIsRepeatedAfterThePauseNotInABusyLoop() throws Exception {
        Duration pause = Duration.ofMillis(200);
        BlockingQueue<Long> attempts = new LinkedBlockingQueue<>();
        BackgroundLoop loop = new BackgroundLoop("failing", () -> {
            attempts.add(System.nanoTime());
            throw new IllegalStateException("the database is down");
        }, "A step failed", pause, LOG);
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> attempts.size() >= 4);
        } finally {
            loop.stop(Duration.ofSeconds(2));
        }
        Long[] at = attempts.toArray(Long[]::new);
        for (int i = 1; i < 4; i++) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(at[i] - at[i - 1])).as("ms between attempts %d and %d", i, i + 1)
                    .isGreaterThanOrEqualTo(pause.toMillis());
        }
    }

    @Test
    void aStepThatSucceedsRunsAgainAtOnceAndStopEndsTheThread() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        BackgroundLoop loop = new BackgroundLoop("working", () -> {
            rounds.incrementAndGet();
            Thread.sleep(5);
        }, "A step failed", Duration.ofSeconds(10), LOG);
        loop.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() >= 10); // no 10 s pause between rounds
        assertThat(loop.running()).isTrue();
        loop.stop(Duration.ofSeconds(2));
        assertThat(loop.running()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("working") && t.isAlive());
    }

    @Test
    void stopInterruptsABlockedStepAndNeverStartedIsSafe() throws Exception {
        BlockingQueue<Object> never = new LinkedBlockingQueue<>();
        BackgroundLoop blocked = new BackgroundLoop("blocked", never::take, "A step failed", Duration.ofSeconds(10), LOG);
        blocked.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("blocked") && t.getState() == Thread.State.WAITING));
        long began = System.nanoTime();
        blocked.stop(Duration.ofSeconds(5));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).isLessThan(1_000);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("blocked") && t.isAlive());

        new BackgroundLoop("idle", () -> { }, "A step failed", Duration.ofSeconds(1), LOG).stop(Duration.ofSeconds(1));
    }
}
