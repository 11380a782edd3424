package dev.stranglerbookshop.monolith.catalog.internal;

import dev.stranglerbookshop.platform.problem.ProblemException;
import io.quarkus.panache.common.Sort;

import java.util.Map;

/** The orders a book list may be sorted in: {@code title}, {@code price}, {@code isbn}, each with a leading - for descending. */
final class BookSort {

    private static final Map<String, String> COLUMNS = Map.of("title", "title", "price", "price", "isbn", "isbn");

    private BookSort() {
    }

    static Sort parse(String value) {
        String raw = value == null || value.isBlank() ? "title" : value.trim();
        boolean descending = raw.startsWith("-");
        String column = COLUMNS.get(descending ? raw.substring(1) : raw);
        if (column == null) {
            throw ProblemException.invalid("sort", "must be one of title, price, isbn (prefix - for descending)");
        }
        return Sort.by(column, descending ? Sort.Direction.Descending : Sort.Direction.Ascending).and("id");
    }
}
