package dev.stranglerbookshop.monolith.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** A book as other modules and the public API see it. Prices are EUR with two fraction digits. */
public record BookView(UUID id, String isbn, String title, List<String> authors, String description, List<String> tags,
        BigDecimal price, String currency, int stock) {
}
