package dev.stranglerbookshop.monolith.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a longer list, with the total so clients can paginate. Shared kernel: shape only, no domain. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 100;

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
