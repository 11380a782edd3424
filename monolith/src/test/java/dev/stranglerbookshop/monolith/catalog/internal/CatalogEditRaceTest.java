package dev.stranglerbookshop.monolith.catalog.internal;

import dev.stranglerbookshop.monolith.Shop;
import dev.stranglerbookshop.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An edit that read a book before an order's stock update (or another edit) committed must not overwrite it: the
 * row version refuses the stale write, the caller gets 409 concurrent-update, and no second change claims the version
 * the other one took (catalog events order by it).
 */
@QuarkusTest
class CatalogEditRaceTest {

    @Inject
    CatalogService catalog;

    @Inject
    EntityManager entities;

    @Test
    void anEditRacingAStockUpdateIsRefusedWith409AndTheStockUpdateStands() {
        BookRequest request = new BookRequest(Shop.randomIsbn13(), "Pride and Prejudice", List.of("Jane Austen"), "",
                List.of(), new BigDecimal("9.99"), 5);
        UUID id = QuarkusTransaction.requiringNew().call(() -> catalog.create(request).id());
        try {
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                Book stale = Book.findById(id); // the edit's read: version 0
                assertThat(stale.version).isZero();
                // An order commits first, as the reservation does (native UPDATE, version + 1).
                QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery(
                        "UPDATE catalog.books SET stock = stock - 1, version = version + 1 WHERE id = :id")
                        .setParameter("id", id).executeUpdate());
                catalog.replace(id, new BookRequest(request.isbn(), "Pride and Prejudice, Revised",
                        request.authors(), "", List.of(), request.price(), 5));
            })).isInstanceOfSatisfying(ProblemException.class, problem -> {
                assertThat(problem.status()).isEqualTo(409);
                assertThat(problem.toProblem().type().toString()).endsWith("concurrent-update");
            });

            Book stored = QuarkusTransaction.requiringNew().call(() -> Book.<Book>findById(id));
            assertThat(stored.title).isEqualTo("Pride and Prejudice");
            assertThat(stored.stock).as("the order's update stands").isEqualTo(4);
            assertThat(stored.version).isEqualTo(1);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> Book.deleteById(id));
        }
    }
}
