package dev.stranglerbookshop.monolith.ordering.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * What a customer orders: 1 to {@value #MAX_LINES} lines; a book may appear on several lines, and its copies are
 * added up, but at most {@value #MAX_COPIES_PER_BOOK} copies of one book in all (checked by {@link OrderService}).
 */
public record PlaceOrderRequest(@NotNull @Size(min = 1, max = MAX_LINES) List<@Valid @NotNull Item> items) {

    /** Lines in one order. */
    public static final int MAX_LINES = 50;
    /** Copies of one book in one order, over all its lines. */
    public static final int MAX_COPIES_PER_BOOK = 100;

    /** @param quantity copies, 1 to {@value PlaceOrderRequest#MAX_COPIES_PER_BOOK} */
    public record Item(@NotNull UUID bookId, @NotNull @Min(1) @Max(MAX_COPIES_PER_BOOK) Integer quantity) {
    }
}
