package dev.stranglerbookshop.monolith.catalog;

/** A book was created or edited (fired in the changing transaction; observers that write join it). */
public record BookChanged(BookView book) {
}
