package dev.stranglerbookshop.monolith.catalog.internal;

import dev.stranglerbookshop.monolith.catalog.BookChanged;
import dev.stranglerbookshop.monolith.catalog.BookRemoved;
import dev.stranglerbookshop.monolith.catalog.BookView;
import dev.stranglerbookshop.monolith.catalog.Catalog;
import dev.stranglerbookshop.monolith.catalog.OutOfStock;
import dev.stranglerbookshop.monolith.catalog.ReservedBook;
import dev.stranglerbookshop.monolith.catalog.StockChanged;
import dev.stranglerbookshop.monolith.catalog.UnknownBook;
import dev.stranglerbookshop.monolith.shared.Page;
import dev.stranglerbookshop.platform.problem.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

@ApplicationScoped
public class CatalogService implements Catalog {

    private final EntityManager em;
    private final Event<BookChanged> changed;
    private final Event<BookRemoved> removed;
    private final Event<StockChanged> stockChanged;

    CatalogService(EntityManager em, Event<BookChanged> changed, Event<BookRemoved> removed,
            Event<StockChanged> stockChanged) {
        this.em = em;
        this.changed = changed;
        this.removed = removed;
        this.stockChanged = stockChanged;
    }

    public Page<BookView> list(int page, int size, Sort sort) {
        List<BookView> books = Book.findAll(sort).page(page, size).<Book>list().stream().map(Book::view).toList();
        return new Page<>(books, page, size, Book.count());
    }

    public BookView get(UUID id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("No book " + id));
    }

    @Override
    public Optional<BookView> find(UUID id) {
        return Book.<Book>findByIdOptional(id).map(Book::view);
    }

    @Transactional
    @WithSpan("catalog.createBook")
    public BookView create(BookRequest request) {
        Book book = new Book();
        book.id = UUID.randomUUID();
        return save(book, request, true);
    }

    @Transactional
    @WithSpan("catalog.replaceBook")
    public BookView replace(UUID id, BookRequest request) {
        Book book = Book.<Book>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("No book " + id));
        return save(book, request, false);
    }

    @Transactional
    @WithSpan("catalog.deleteBook")
    public void delete(UUID id) {
        // RETURNING the version deleted, under the row lock: the deletion's version is one more than the last change's.
        List<?> deleted = em.createNativeQuery("DELETE FROM catalog.books WHERE id = :id RETURNING version")
                .setParameter("id", id).getResultList();
        if (deleted.isEmpty()) {
            throw ProblemException.notFound("No book " + id);
        }
        removed.fire(new BookRemoved(id, ((Number) deleted.get(0)).longValue() + 1));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    @WithSpan("catalog.reserveStock")
    public List<ReservedBook> reserve(Map<UUID, Integer> quantities) {
        // One conditional UPDATE per book, in id order so concurrent orders lock rows in the same order (no
        // deadlock). The row lock serialises racing buyers; the WHERE clause makes the loser see zero rows.
        Map<UUID, ReservedBook> reserved = new TreeMap<>();
        for (Map.Entry<UUID, Integer> line : new TreeMap<>(quantities).entrySet()) {
            List<?> rows = em.createNativeQuery("""
                    UPDATE catalog.books SET stock = stock - :quantity, version = version + 1
                    WHERE id = :id AND stock >= :quantity
                    RETURNING title, price, version""")
                    .setParameter("quantity", line.getValue()).setParameter("id", line.getKey()).getResultList();
            if (rows.isEmpty()) {
                if (Book.findById(line.getKey()) == null) {
                    throw new UnknownBook(line.getKey());
                }
                throw new OutOfStock(line.getKey(), line.getValue());
            }
            Object[] row = (Object[]) rows.get(0);
            reserved.put(line.getKey(), new ReservedBook(line.getKey(), (String) row[0], (BigDecimal) row[1],
                    line.getValue()));
            stockChanged.fire(changed(line.getKey(), ((Number) row[2]).longValue()));
        }
        List<ReservedBook> inRequestOrder = new ArrayList<>();
        quantities.keySet().forEach(id -> inRequestOrder.add(reserved.get(id)));
        return inRequestOrder;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    @WithSpan("catalog.releaseStock")
    public void release(Map<UUID, Integer> quantities) {
        for (Map.Entry<UUID, Integer> line : new TreeMap<>(quantities).entrySet()) {
            List<?> version = em.createNativeQuery("""
                    UPDATE catalog.books SET stock = stock + :quantity, version = version + 1
                    WHERE id = :id RETURNING version""")
                    .setParameter("quantity", line.getValue()).setParameter("id", line.getKey()).getResultList();
            // A book deleted since the order was placed has no stock to return to.
            version.stream().findFirst().ifPresent(v -> stockChanged.fire(changed(line.getKey(),
                    ((Number) v).longValue())));
        }
    }

    /**
     * The book as the native UPDATE just left it ({@code version}, as it returned): that UPDATE bypassed the
     * persistence context, so an instance loaded earlier in this transaction is read again; a fresh load is not.
     */
    private StockChanged changed(UUID id, long version) {
        Book book = em.find(Book.class, id);
        if (book.version != version) {
            em.refresh(book);
        }
        return new StockChanged(book.view(), book.version);
    }

    private static ProblemException duplicateIsbn(String isbn) {
        return new ProblemException(409, "duplicate-isbn", "ISBN already in the catalog",
                "Another book already has ISBN " + isbn + ".");
    }

    private BookView save(Book book, BookRequest request, boolean created) {
        long before = book.version;
        String isbn = Isbn.toIsbn13(request.isbn());
        if (Book.count("isbn = ?1 and id <> ?2", isbn, book.id) > 0) {
            throw duplicateIsbn(isbn);
        }
        book.isbn = isbn;
        book.title = request.title().strip();
        book.authors = request.authors().stream().map(String::strip).toList();
        book.description = request.description() == null ? "" : request.description().strip();
        book.tags = request.tags() == null ? List.of()
                : request.tags().stream().map(t -> t.strip().toLowerCase()).distinct().toList();
        book.price = request.price().setScale(2);
        book.stock = request.stock();
        try {
            book.persistAndFlush();
        } catch (ConstraintViolationException raced) { // a concurrent write won the unique index
            throw duplicateIsbn(isbn);
        } catch (OptimisticLockException raced) { // an order's stock update or another edit came first
            throw new ProblemException(409, "concurrent-update", "The book changed meanwhile",
                    "Book " + book.id + " was changed by another request; reload it and try again.");
        }
        BookView view = book.view();
        if (created || book.version != before) { // an edit that changed nothing flushed nothing: not a change
            changed.fire(new BookChanged(view, book.version, created)); // the version the flush wrote
        }
        return view;
    }
}
