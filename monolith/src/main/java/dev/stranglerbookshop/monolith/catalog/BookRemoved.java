package dev.stranglerbookshop.monolith.catalog;

import java.util.UUID;

/**
 * A book was deleted from the catalog.
 *
 * @param version one more than the book's last version, so the deletion orders after every change before it
 */
public record BookRemoved(UUID bookId, long version) {
}
