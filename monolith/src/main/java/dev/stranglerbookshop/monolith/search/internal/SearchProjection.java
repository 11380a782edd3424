package dev.stranglerbookshop.monolith.search.internal;

import dev.stranglerbookshop.monolith.catalog.BookChanged;
import dev.stranglerbookshop.monolith.catalog.BookRemoved;
import dev.stranglerbookshop.monolith.catalog.BookView;
import dev.stranglerbookshop.monolith.catalog.StockChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

/**
 * Keeps the search module's documents in step with the catalog. Observers run inside the catalog's transaction, so
 * the index can never disagree with a committed book; stage 4 replaces these calls with catalog events over Kafka.
 */
@ApplicationScoped
public class SearchProjection {

    private final EntityManager em;

    SearchProjection(EntityManager em) {
        this.em = em;
    }

    void onChanged(@Observes BookChanged event) {
        BookView book = event.book();
        BookDocument existing = em.find(BookDocument.class, book.id());
        BookDocument document = existing == null ? new BookDocument() : existing;
        document.bookId = book.id();
        document.isbn = book.isbn();
        document.title = book.title();
        document.authors = book.authors();
        document.description = book.description();
        document.tags = book.tags();
        document.price = book.price();
        document.stock = book.stock();
        if (existing == null) {
            em.persist(document); // after the fields are set: the insert is built from the state at persist
        }
    }

    void onRemoved(@Observes BookRemoved event) {
        em.createQuery("delete from BookDocument d where d.bookId = :id").setParameter("id", event.bookId())
                .executeUpdate();
    }

    void onStock(@Observes StockChanged event) {
        em.createQuery("update BookDocument d set d.stock = :stock where d.bookId = :id")
                .setParameter("stock", event.book().stock()).setParameter("id", event.book().id()).executeUpdate();
    }
}
