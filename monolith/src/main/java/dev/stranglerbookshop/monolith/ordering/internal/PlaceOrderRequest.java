package dev.stranglerbookshop.monolith.ordering.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

public record PlaceOrderRequest(@NotEmpty @Size(max = 50) List<@Valid @NotNull Item> items) {

    public record Item(@NotNull UUID bookId, @NotNull @Min(1) @Max(100) Integer quantity) {
    }
}
