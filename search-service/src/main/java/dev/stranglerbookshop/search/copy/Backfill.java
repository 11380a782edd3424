package dev.stranglerbookshop.search.copy;

import dev.stranglerbookshop.proto.catalog.v1.Book;
import dev.stranglerbookshop.proto.catalog.v1.ListBooksResponse;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The backfill (stage 4): copies the whole catalog into the own index from a paged snapshot,
 * {@code CatalogService.ListBooks} on the monolith, applying every book through {@link CatalogCopy} (so by version:
 * a page never overwrites a newer change an event already brought, and an event newer than the page wins after it).
 * Run it after the catalog-events consumer is subscribed: changes made while the snapshot pages are then not lost,
 * since each is either in a later page or in an event, and the copy keeps the newest version of both.
 * <p>
 * Checkpointed in {@code search.backfill_checkpoints} after every page: interrupted (a crash, a deadline, a page
 * limit), the next run resumes after the last page it applied; run again once finished, it starts over. Safe to
 * re-run and to interrupt at any point, as applying a book is idempotent. One run at a time across replicas (a
 * PostgreSQL advisory lock).
 */
@ApplicationScoped
public class Backfill {

    /** The snapshot source this backfill reads, the checkpoint's key. */
    public static final String SOURCE = "catalog";

    private static final Logger LOG = Logger.getLogger(Backfill.class);
    // Any fixed number: the advisory lock that keeps two replicas from paging at once.
    private static final long LOCK = 0x5EA2C4_BAC4F111L;

    private final CatalogClient catalog;
    private final CatalogCopy copy;
    private final DataSource database;

    Backfill(CatalogClient catalog, CatalogCopy copy, DataSource database) {
        this.catalog = catalog;
        this.copy = copy;
        this.database = database;
    }

    /**
     * Where a backfill stands (the checkpoint).
     *
     * @param pages pages applied since this checkpoint started (a resumed run counts on)
     * @param books books read since then
     * @param applied of those, books the copy took (the rest it already held at that version or newer)
     * @param finishedAt when the run read the last page; null while it has not
     * @param firstFinishedAt when any run first read the last page (the index has held the whole catalog since);
     *        null until then
     */
    public record Progress(String source, int pages, long books, long applied, Instant startedAt, Instant updatedAt,
            Instant finishedAt, Instant firstFinishedAt) {
        public boolean finished() {
            return finishedAt != null;
        }
    }

    /** Another replica (or caller) is running a backfill: this run does nothing (its failure says so). */
    public static class Busy extends RuntimeException {
        Busy() {
            super("A backfill is already running; its progress is at GET /admin/copy/backfill");
        }
    }

    /**
     * Runs (or resumes) the backfill on the calling thread.
     *
     * @param maxPages stop after this many pages (≥ 1), the checkpoint kept for the next run; empty: to the end
     * @return the checkpoint after the run
     * @throws Busy when a backfill is already running
     * @throws io.grpc.StatusRuntimeException when the catalog does not answer a page within
     *         {@code bookshop.search.copy.backfill.page-deadline} (DEADLINE_EXCEEDED) or fails (UNAVAILABLE, ...):
     *         the pages before it stay applied and checkpointed
     * @throws IllegalStateException when the index's database fails
     */
    public Progress run(Optional<Integer> maxPages) {
        try (Connection lock = database.getConnection()) {
            if (!tryLock(lock)) {
                throw new Busy();
            }
            try {
                return page(maxPages.orElse(Integer.MAX_VALUE));
            } finally {
                try (PreparedStatement unlock = lock.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, LOCK);
                    unlock.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Backfill checkpoint: " + e.getMessage(), e);
        }
    }

    private Progress page(int maxPages) throws SQLException {
        Progress progress = start();
        String token = token();
        long begun = System.nanoTime();
        for (int page = 0; page < maxPages && !progress.finished(); page++) {
            ListBooksResponse response = catalog.page(token);
            int applied = 0;
            for (Book book : response.getBooksList()) {
                if (copy.apply(book)) {
                    applied++;
                }
            }
            token = response.getNextPageToken();
            progress = checkpoint(token, response.getBooksCount(), applied, token.isEmpty());
        }
        double elapsed = (System.nanoTime() - begun) / 1e9;
        LOG.infof("Backfill %s: %d pages, %d books (%d applied) so far; this run %.1f s", progress.finished()
                ? "finished" : "paused", progress.pages(), progress.books(), progress.applied(), elapsed);
        return progress;
    }

    /** @return the checkpoint; empty before the first run */
    public Optional<Progress> progress() {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT source, pages, books, applied, started_at, updated_at, finished_at, first_finished_at "
                                + "FROM search.backfill_checkpoints WHERE source = ?")) {
            select.setString(1, SOURCE);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(progress(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Backfill checkpoint: " + e.getMessage(), e);
        }
    }

    /** The checkpoint to resume from; a new one when there is none or the last run finished. */
    private Progress start() throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO search.backfill_checkpoints (source) VALUES (?)
                        ON CONFLICT (source) DO UPDATE SET page_token = '', pages = 0, books = 0, applied = 0,
                            started_at = now(), updated_at = now(), finished_at = NULL
                        WHERE search.backfill_checkpoints.finished_at IS NOT NULL""")) {
            upsert.setString(1, SOURCE);
            upsert.executeUpdate();
        }
        return progress().orElseThrow();
    }

    private String token() throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT page_token FROM search.backfill_checkpoints WHERE source = ?")) {
            select.setString(1, SOURCE);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private Progress checkpoint(String token, int books, int applied, boolean finished) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement update = connection.prepareStatement("""
                        UPDATE search.backfill_checkpoints SET page_token = ?, pages = pages + 1, books = books + ?,
                            applied = applied + ?, updated_at = now(),
                            finished_at = CASE WHEN ? THEN now() END,
                            first_finished_at = coalesce(first_finished_at, CASE WHEN ? THEN now() END)
                        WHERE source = ?
                        RETURNING source, pages, books, applied, started_at, updated_at, finished_at, first_finished_at""")) {
            update.setString(1, token);
            update.setLong(2, books);
            update.setLong(3, applied);
            update.setBoolean(4, finished);
            update.setBoolean(5, finished);
            update.setString(6, SOURCE);
            try (ResultSet row = update.executeQuery()) {
                row.next();
                return progress(row);
            }
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static Progress progress(ResultSet row) throws SQLException {
        return new Progress(row.getString(1), row.getInt(2), row.getLong(3), row.getLong(4),
                instant(row.getTimestamp(5)), instant(row.getTimestamp(6)), instant(row.getTimestamp(7)),
                instant(row.getTimestamp(8)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
