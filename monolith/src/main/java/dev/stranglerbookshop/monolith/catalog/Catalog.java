package dev.stranglerbookshop.monolith.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The catalog module's public API for other modules (ordering reserves stock through it). */
public interface Catalog {

    Optional<BookView> find(UUID id);

    /**
     * Takes the quantities out of stock, all or nothing, inside the caller's transaction.
     *
     * @return the reserved books with their current price, in the order of the given ids
     * @throws OutOfStock when any book has fewer copies than asked; nothing stays reserved
     * @throws UnknownBook when an id names no book
     */
    List<ReservedBook> reserve(Map<UUID, Integer> quantities);

    /** Puts the quantities back into stock (a cancelled order), inside the caller's transaction. */
    void release(Map<UUID, Integer> quantities);
}
