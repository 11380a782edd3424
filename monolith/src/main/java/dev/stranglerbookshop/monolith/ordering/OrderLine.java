package dev.stranglerbookshop.monolith.ordering;

import java.math.BigDecimal;
import java.util.UUID;

/** One book in an order, priced (EUR) when the order was placed. */
public record OrderLine(UUID bookId, String title, int quantity, BigDecimal unitPrice) {
}
