package dev.stranglerbookshop.monolith.catalog;

import java.util.UUID;

/**
 * A book's stock moved (an order reserved or released copies).
 *
 * @param stock copies left after the change, at least 0
 * @param version the book's row version after the change
 */
public record StockChanged(UUID bookId, int stock, long version) {
}
