package dev.stranglerbookshop.monolith.catalog;

import dev.stranglerbookshop.platform.problem.Problem;
import dev.stranglerbookshop.platform.problem.ProblemException;

import java.util.List;
import java.util.UUID;

/** An order line names a book that does not exist. */
public class UnknownBook extends ProblemException {

    public UnknownBook(UUID bookId) {
        super(400, "validation-failed", "The request is not valid", "bookId: no book " + bookId,
                List.of(new Problem.FieldError("bookId", "no book " + bookId)), null);
    }
}
