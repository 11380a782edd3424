package dev.stranglerbookshop.monolith.catalog.internal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/** What an admin sends to create or replace a book. Prices are EUR. */
public record BookRequest(
        @NotBlank @ValidIsbn String isbn,
        @NotBlank @Size(max = 300) String title,
        @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 200) String> authors,
        @Size(max = 5000) String description,
        @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
        @NotNull @DecimalMin("0.00") @Digits(integer = 8, fraction = 2) BigDecimal price,
        @NotNull @Min(0) @Max(1_000_000) Integer stock) {
}
