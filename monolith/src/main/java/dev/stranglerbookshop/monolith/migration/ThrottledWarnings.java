package dev.stranglerbookshop.monolith.migration;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Warnings that repeat while a condition lasts (a service down): the first of each kind, then at most one per period,
 * saying how many were left out meanwhile. The metrics count every occurrence; the log only has to say it happens.
 */
final class ThrottledWarnings {

    private final Consumer<String> sink;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    /** When one kind was last written, and how many of it were left out since. */
    private static final class Kind {
        long lastWritten;
        long leftOut;
        boolean written;
    }

    ThrottledWarnings(Consumer<String> sink, Duration period, LongSupplier nanoClock) {
        this.sink = sink;
        this.periodNanos = period.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Writes {@code message} unless this {@code kind} was written within the period. */
    void warn(String kind, String message) {
        long now = nanoClock.getAsLong();
        Kind state = kinds.computeIfAbsent(kind, k -> new Kind());
        long leftOut;
        synchronized (state) {
            if (state.written && now - state.lastWritten <= periodNanos) {
                state.leftOut++;
                return;
            }
            state.written = true;
            state.lastWritten = now;
            leftOut = state.leftOut;
            state.leftOut = 0;
        }
        sink.accept(leftOut == 0 ? message : message + " (and " + leftOut + " more like it since the last report)");
    }
}
