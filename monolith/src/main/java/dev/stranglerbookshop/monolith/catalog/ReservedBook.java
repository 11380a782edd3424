package dev.stranglerbookshop.monolith.catalog;

import java.math.BigDecimal;
import java.util.UUID;

/** A book whose copies an order took out of stock, priced (EUR) at the moment of reservation. */
public record ReservedBook(UUID bookId, String title, BigDecimal unitPrice, int quantity) {
}
