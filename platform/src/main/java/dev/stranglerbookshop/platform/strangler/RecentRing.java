package dev.stranglerbookshop.platform.strangler;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * The last few items of an endless stream (calls, mismatches), newest first, for a live view. Safe for any number of
 * writers and readers. A write is on a request's path: it takes a short lock around an array-backed deque (no
 * allocation of its own, nothing slow held under the lock); a read copies at most {@link #capacity()} references.
 *
 * @param <T> the item; immutable, since readers get the same instances
 */
public final class RecentRing<T> {

    private final int capacity;
    private final ArrayDeque<T> items;

    /** @param capacity how many items are kept, at least 1; the oldest one goes when a new one comes */
    public RecentRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("A ring keeps at least one item, not " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(capacity + 1);
    }

    /** Keeps {@code item} (not null) as the newest, dropping the oldest when {@link #capacity()} are kept already. */
    public void add(T item) {
        Objects.requireNonNull(item);
        synchronized (items) {
            if (items.size() == capacity) {
                items.removeLast();
            }
            items.addFirst(item);
        }
    }

    /** @return the kept items, newest first: between 0 and {@link #capacity()}, a copy the ring no longer changes */
    public List<T> newestFirst() {
        synchronized (items) {
            return List.copyOf(items);
        }
    }

    /** @return how many items are kept at most */
    public int capacity() {
        return capacity;
    }
}
