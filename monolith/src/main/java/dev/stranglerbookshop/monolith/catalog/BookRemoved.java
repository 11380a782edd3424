package dev.stranglerbookshop.monolith.catalog;

import java.util.UUID;

/** A book was deleted from the catalog. */
public record BookRemoved(UUID bookId) {
}
