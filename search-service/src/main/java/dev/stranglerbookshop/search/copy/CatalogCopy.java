package dev.stranglerbookshop.search.copy;

import dev.stranglerbookshop.proto.catalog.v1.Book;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The own index as a copy of the catalog (stage 4): applies a book's whole state (from a catalog event or a
 * {@code ListBooks} page) or its deletion, each only when its version is newer than the newest this copy has applied
 * for that book ({@code search.book_versions}, deletions kept as tombstones). Every write of one book happens under
 * that book's row lock in one transaction, so redelivered, reordered and concurrent applications of the same history
 * end in the same index: the catalog contract's rule (proto/bookshop/events/v1/catalog_events.proto).
 */
@ApplicationScoped
public class CatalogCopy {

    // Claims the version: inserted, or raised only when newer; the row lock orders racing appliers of one book.
    private static final String CLAIM = """
            INSERT INTO search.book_versions (book_id, version, deleted) VALUES (?, ?, ?)
            ON CONFLICT (book_id) DO UPDATE SET version = EXCLUDED.version, deleted = EXCLUDED.deleted,
                applied_at = now()
            WHERE search.book_versions.version < EXCLUDED.version
            RETURNING book_id""";
    private static final String INDEXED = """
            SELECT d.book_id, coalesce(v.version, -1), d.isbn, d.title, d.authors, d.description, d.tags, d.price,
                d.stock
            FROM search.book_documents d LEFT JOIN search.book_versions v USING (book_id)""";
    // The repair's claim: the same version may be written again (the row it holds is wrong), an older one still not.
    private static final String RECLAIM = CLAIM.replace("version < EXCLUDED", "version <= EXCLUDED");
    private static final String UPSERT = """
            INSERT INTO search.book_documents (book_id, isbn, title, authors, description, tags, price, stock)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (book_id) DO UPDATE SET isbn = EXCLUDED.isbn, title = EXCLUDED.title,
                authors = EXCLUDED.authors, description = EXCLUDED.description, tags = EXCLUDED.tags,
                price = EXCLUDED.price, stock = EXCLUDED.stock""";

    private final DataSource database;

    CatalogCopy(DataSource database) {
        this.database = database;
    }

    /**
     * @param book a book's whole state with its version (≥ 0), as catalog events and {@code ListBooks} carry it; the
     *        price in EUR as a plain decimal ("12.50")
     * @return whether it was applied (false: this copy already holds this version or a newer one, a deletion
     *         included)
     * @throws IllegalArgumentException for a book no copy could hold (not a UUID id, a negative version or stock, a
     *         price outside the catalog's numeric(10, 2) or in a currency other than EUR): the record is poison, not
     *         an outage
     * @throws IllegalStateException when the database fails (transient: retry)
     */
    public boolean apply(Book book) {
        return write(book, CLAIM);
    }

    /**
     * The repair's write ({@link Reconciliation#repair}): as {@link #apply}, but also when the copy holds this very
     * version (whose row is then wrong); never over a newer one.
     *
     * @return whether it was written
     * @throws IllegalArgumentException as {@link #apply}
     */
    public boolean overwrite(Book book) {
        return write(book, RECLAIM);
    }

    /**
     * A book as the index holds it, for {@link Reconciliation}.
     *
     * @param version the newest version applied; -1 when the index holds the book without one (written by hand)
     * @param checksum {@link BookChecksum} of its indexed fields
     */
    public record Indexed(long version, String checksum) {
    }

    /**
     * @return every book in the index, by id, with its version and checksum (read 1,000 rows at a time; about 200
     *         bytes a book kept)
     * @throws IllegalStateException when the database fails
     */
    public Map<UUID, Indexed> checksums() {
        Map<UUID, Indexed> books = new HashMap<>();
        try (Connection connection = database.getConnection()) {
            // The driver fetches in batches only inside a transaction; otherwise it would hold every row at once.
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement(INDEXED)) {
                select.setFetchSize(1_000);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        books.put(rows.getObject(1, UUID.class), indexed(rows));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the index: " + e.getMessage(), e);
        }
        return books;
    }

    /**
     * @return one book as the index holds it now; empty when it holds none
     * @throws IllegalStateException when the database fails
     */
    public Optional<Indexed> indexed(UUID id) {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(INDEXED + " WHERE d.book_id = ?")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(indexed(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the index: " + e.getMessage(), e);
        }
    }

    private static Indexed indexed(ResultSet row) throws SQLException {
        UUID id = row.getObject(1, UUID.class);
        // Arrays.asList: a hand-written row may hold NULL elements, which List.of refuses.
        return new Indexed(row.getLong(2), BookChecksum.of(id.toString(), row.getString(3), row.getString(4),
                Arrays.asList((String[]) row.getArray(5).getArray()), row.getString(6),
                Arrays.asList((String[]) row.getArray(7).getArray()), row.getBigDecimal(8), row.getInt(9)));
    }

    private boolean write(Book book, String claim) {
        UUID id = id(book.getId());
        BigDecimal price = price(book);
        if (book.getVersion() < 0 || book.getStock() < 0) {
            throw new IllegalArgumentException("Book " + id + " has version " + book.getVersion() + " and stock "
                    + book.getStock() + "; neither may be negative");
        }
        return inTransaction(claim, id, book.getVersion(), false, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setObject(1, id);
                upsert.setString(2, book.getIsbn());
                upsert.setString(3, book.getTitle());
                upsert.setArray(4, connection.createArrayOf("text", book.getAuthorsList().toArray()));
                upsert.setString(5, book.getDescription());
                upsert.setArray(6, connection.createArrayOf("text", book.getTagsList().toArray()));
                upsert.setBigDecimal(7, price);
                upsert.setInt(8, book.getStock());
                upsert.executeUpdate();
            }
        });
    }

    /**
     * @param version the deletion's version (one more than the book's last change, so newer than all of them)
     * @return whether it was applied (false: this copy already holds this version or a newer one)
     * @throws IllegalArgumentException for an id that is not a UUID or a negative version (poison)
     * @throws IllegalStateException when the database fails (transient: retry)
     */
    public boolean delete(String bookId, long version) {
        UUID id = id(bookId);
        if (version < 0) {
            throw new IllegalArgumentException("Deletion of book " + id + " has version " + version);
        }
        return inTransaction(CLAIM, id, version, true, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM search.book_documents WHERE book_id = ?")) {
                delete.setObject(1, id);
                delete.executeUpdate();
            }
        });
    }

    private interface Write {
        void run(Connection connection) throws SQLException;
    }

    private boolean inTransaction(String claimSql, UUID id, long version, boolean deleted, Write write) {
        try (Connection connection = database.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                boolean claimed;
                try (PreparedStatement claim = connection.prepareStatement(claimSql)) {
                    claim.setObject(1, id);
                    claim.setLong(2, version);
                    claim.setBoolean(3, deleted);
                    try (ResultSet rows = claim.executeQuery()) {
                        claimed = rows.next();
                    }
                }
                if (claimed) {
                    write.run(connection);
                }
                connection.commit();
                return claimed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply version " + version + " of book " + id + ": "
                    + e.getMessage(), e);
        }
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Book id '" + id + "' is not a UUID", e);
        }
    }

    private static BigDecimal price(Book book) {
        if (!"EUR".equals(book.getPrice().getCurrencyCode())) {
            throw new IllegalArgumentException("Book " + book.getId() + " is priced in '"
                    + book.getPrice().getCurrencyCode() + "'; the catalog prices in EUR");
        }
        BigDecimal price;
        try {
            price = new BigDecimal(book.getPrice().getAmount());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Book " + book.getId() + " has price '" + book.getPrice().getAmount()
                    + "', not a decimal", e);
        }
        // The index's column is numeric(10, 2), as the catalog's: anything else would be rounded or refused there.
        if (price.signum() < 0 || price.scale() > 2 || price.precision() - price.scale() > 8) {
            throw new IllegalArgumentException("Book " + book.getId() + " has price " + book.getPrice().getAmount()
                    + "; the catalog's prices are 0 to 99,999,999.99 EUR with at most two fraction digits");
        }
        return price;
    }
}
