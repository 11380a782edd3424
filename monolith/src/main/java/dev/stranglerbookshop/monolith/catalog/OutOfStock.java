package dev.stranglerbookshop.monolith.catalog;

import dev.stranglerbookshop.platform.problem.ProblemException;

import java.util.UUID;

/** Fewer copies in stock than an order asks for. */
public class OutOfStock extends ProblemException {

    public OutOfStock(UUID bookId, int requested) {
        super(409, "insufficient-stock", "Not enough copies in stock",
                "Book " + bookId + " has fewer than " + requested + " copies in stock; nothing was reserved.");
    }
}
