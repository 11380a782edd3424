package dev.stranglerbookshop.monolith.catalog;

/**
 * A book was created or edited (fired in the changing transaction; observers that write join it).
 *
 * @param book the book after the change
 * @param version the book's row version after the change: 0 when created, one more with every later change
 * @param created whether the change created the book
 */
public record BookChanged(BookView book, long version, boolean created) {
}
