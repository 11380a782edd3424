package dev.stranglerbookshop.monolith.migration;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WARN lines for things that repeat while a condition lasts (a service down): the first of each kind, then at most
 * one per period, saying how many were left out meanwhile. The metrics count every occurrence.
 */
final class ThrottledWarnings {

    private final Logger log;
    private final long periodNanos;
    private final ConcurrentHashMap<String, long[]> kinds = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> suppressed = new ConcurrentHashMap<>();

    ThrottledWarnings(Logger log, Duration period) {
        this.log = log;
        this.periodNanos = period.toNanos();
    }

    /** Logs {@code format} at WARN unless this {@code kind} was logged within the period. */
    void warn(String kind, String format, Object... arguments) {
        long now = System.nanoTime();
        long[] last = kinds.computeIfAbsent(kind, k -> new long[] {now - periodNanos - 1});
        AtomicLong skipped = suppressed.computeIfAbsent(kind, k -> new AtomicLong());
        boolean due;
        synchronized (last) {
            due = now - last[0] > periodNanos;
            if (due) {
                last[0] = now;
            }
        }
        if (!due) {
            skipped.incrementAndGet();
            return;
        }
        long left = skipped.getAndSet(0);
        log.warnf(format + (left > 0 ? " (and " + left + " more like it since the last report)" : ""), arguments);
    }
}
