package dev.stranglerbookshop.platform.strangler;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentRingTest {

    @Test
    void keepsTheNewestItemsNewestFirst() {
        RecentRing<Integer> ring = new RecentRing<>(3);
        assertThat(ring.newestFirst()).isEmpty();
        ring.add(1);
        ring.add(2);
        assertThat(ring.newestFirst()).containsExactly(2, 1);
        ring.add(3);
        ring.add(4);
        ring.add(5);
        assertThat(ring.newestFirst()).containsExactly(5, 4, 3);
    }

    @Test
    void aReadIsACopyLaterWritesDoNotChange() {
        RecentRing<String> ring = new RecentRing<>(2);
        ring.add("a");
        List<String> read = ring.newestFirst();
        ring.add("b");
        assertThat(read).containsExactly("a");
    }

    @Test
    void refusesNoCapacityAndNullItems() {
        assertThatThrownBy(() -> new RecentRing<>(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentRing<>(1).add(null)).isInstanceOf(NullPointerException.class);
    }

    /**
     * Writers hammer the ring while a reader reads: no read ever holds more than the capacity or loses the order of
     * one writer's items, nothing throws, and at the end the ring holds exactly the capacity.
     */
    @Test
    void concurrentWritersNeverOverfillItOrDisorderIt() throws Exception {
        int writers = 4;
        int perWriter = 20_000;
        RecentRing<long[]> ring = new RecentRing<>(10);
        ExecutorService threads = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                long writer = w;
                running.add(threads.submit(() -> {
                    start.await();
                    for (long i = 0; i < perWriter; i++) {
                        ring.add(new long[] {writer, i});
                    }
                    return null;
                }));
            }
            Future<Integer> reader = threads.submit(() -> {
                start.await();
                int reads = 0;
                do {
                    List<long[]> read = ring.newestFirst();
                    assertThat(read.size()).isLessThanOrEqualTo(10);
                    assertNewestFirstPerWriter(read, writers);
                    reads++;
                } while (running.stream().anyMatch(f -> !f.isDone()));
                return reads;
            });
            start.countDown();
            for (Future<?> writer : running) {
                writer.get(30, TimeUnit.SECONDS);
            }
            assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
        } finally {
            threads.shutdownNow();
        }
        List<long[]> last = ring.newestFirst();
        assertThat(last).hasSize(10);
        assertNewestFirstPerWriter(last, writers);
    }

    private static void assertNewestFirstPerWriter(List<long[]> read, int writers) {
        long[] previous = new long[writers];
        Arrays.fill(previous, Long.MAX_VALUE);
        for (long[] item : read) {
            int writer = (int) item[0];
            assertThat(item[1]).as("writer %d's items newest first", writer).isLessThan(previous[writer]);
            previous[writer] = item[1];
        }
    }
}
