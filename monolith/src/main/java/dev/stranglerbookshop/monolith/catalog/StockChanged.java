package dev.stranglerbookshop.monolith.catalog;

/**
 * A book's stock moved (an order reserved or released copies).
 *
 * @param book the whole book after the change (its stock at least 0)
 * @param version the book's row version after the change
 */
public record StockChanged(BookView book, long version) {
}
