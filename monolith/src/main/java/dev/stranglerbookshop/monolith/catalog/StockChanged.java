package dev.stranglerbookshop.monolith.catalog;

import java.util.UUID;

/** A book's stock moved (an order reserved or released copies). */
public record StockChanged(UUID bookId, int stock) {
}
