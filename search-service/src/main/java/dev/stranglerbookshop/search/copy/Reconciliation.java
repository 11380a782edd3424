package dev.stranglerbookshop.search.copy;

import dev.stranglerbookshop.proto.catalog.v1.Book;
import dev.stranglerbookshop.proto.catalog.v1.ListBooksResponse;
import io.grpc.StatusRuntimeException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The truth check of the own index against the catalog (stage 4): reads the index ({@link CatalogCopy#checksums}),
 * pages the catalog ({@code ListBooks}), and compares the number of books and a checksum of each book's indexed
 * fields ({@link BookChecksum}). Each book that differs is then looked at again on both sides ({@code GetBook}, the
 * index's row), so a change applied between the two reads is not reported; a book the index holds at a newer
 * version than the catalog answered is not a difference either (an event overtook the answer). On a live catalog a
 * book changed within the index lag may still show as differing: the lag gauge says how far behind the index is.
 * {@link #repair} makes the index hold each differing book as {@code GetBook} answered it, or drop it when the
 * catalog answered NOT_FOUND.
 */
@ApplicationScoped
public class Reconciliation {

    /** The most ids a report lists per kind of difference; the counts are always complete. */
    public static final int MAX_LISTED_IDS = 100;

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    private final CatalogClient catalog;
    private final CatalogCopy copy;

    Reconciliation(CatalogClient catalog, CatalogCopy copy) {
        this.catalog = catalog;
        this.copy = copy;
    }

    /**
     * What a reconciliation found.
     *
     * @param catalogBooks books in the catalog
     * @param indexBooks books in the index
     * @param differences missing + extra + differing: 0 when the index equals the catalog
     * @param missing books in the catalog the index lacks (at most {@value #MAX_LISTED_IDS} ids)
     * @param extra books in the index the catalog no longer has (at most {@value #MAX_LISTED_IDS} ids)
     * @param differing books both hold whose indexed fields differ, the index's version not being newer (at most
     *        {@value #MAX_LISTED_IDS} ids)
     * @param missingCount all missing books, as {@code extraCount} and {@code differingCount}
     * @param repaired books {@link #repair} rewrote or removed; 0 for a plain check
     */
    public record Report(long catalogBooks, long indexBooks, long differences, long missingCount, long extraCount,
            long differingCount, List<UUID> missing, List<UUID> extra, List<UUID> differing, long repaired,
            long elapsedMs) {
    }

    /**
     * @return the differences between the catalog and the index now
     * @throws StatusRuntimeException when the catalog does not answer a page in time or fails
     * @throws IllegalStateException when the index's database fails
     */
    public Report check() {
        return compare(false);
    }

    /**
     * Checks, then mends each difference found: the catalog's book as {@code GetBook} answered it is written to the
     * index even at a version the index already holds (a corrupted row); a book the catalog answered NOT_FOUND for
     * is removed for good. Safe to run at any time and again: events newer than the repair still win.
     *
     * @return the check's report with {@code repaired} set
     * @throws StatusRuntimeException when the catalog does not answer in time or fails
     */
    public Report repair() {
        return compare(true);
    }

    private Report compare(boolean repair) {
        long begun = System.nanoTime();
        Map<UUID, CatalogCopy.Indexed> index = copy.checksums();
        long indexBooks = index.size();
        TreeSet<UUID> candidates = new TreeSet<>();
        long catalogBooks = 0;
        String token = "";
        do {
            ListBooksResponse page = catalog.page(token);
            for (Book book : page.getBooksList()) {
                catalogBooks++;
                UUID id = UUID.fromString(book.getId());
                CatalogCopy.Indexed held = index.remove(id);
                if (held == null || !held.checksum().equals(BookChecksum.of(book))) {
                    candidates.add(id);
                }
            }
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        candidates.addAll(index.keySet()); // what no page listed
        // The index was read before the pages, so a change applied in between looks like a difference: each
        // candidate is looked at again, both sides now, and kept only when it still differs.
        TreeSet<UUID> missing = new TreeSet<>();
        TreeSet<UUID> extra = new TreeSet<>();
        TreeSet<UUID> differing = new TreeSet<>();
        long repaired = 0;
        for (UUID id : candidates) {
            Optional<Book> now = catalog.book(id);
            Optional<CatalogCopy.Indexed> held = copy.indexed(id);
            TreeSet<UUID> kind;
            if (now.isEmpty()) {
                kind = held.isPresent() ? extra : null;
            } else if (held.isEmpty()) {
                kind = missing;
            } else if (held.get().version() > now.get().getVersion()
                    || held.get().checksum().equals(BookChecksum.of(now.get()))) {
                kind = null; // equal now, or an event newer than the answer already applied
            } else {
                kind = differing;
            }
            if (kind == null) {
                continue;
            }
            kind.add(id);
            if (repair && mend(id, now)) {
                repaired++;
            }
        }
        Report report = new Report(catalogBooks, indexBooks, missing.size() + extra.size() + differing.size(),
                missing.size(), extra.size(), differing.size(), first(missing), first(extra), first(differing),
                repaired, (System.nanoTime() - begun) / 1_000_000);
        LOG.infof("Reconciliation: catalog %d books, index %d, %d differences (missing %d, extra %d, differing %d)%s",
                catalogBooks, indexBooks, report.differences(), missing.size(), extra.size(), differing.size(),
                repair ? ", " + repaired + " repaired" : "");
        return report;
    }

    private boolean mend(UUID id, Optional<Book> now) {
        if (now.isPresent()) {
            return copy.overwrite(now.get());
        }
        // Gone from the catalog: a tombstone no event can be newer than (book ids are never reused), so a late
        // event from before the deletion cannot bring the book back either.
        return copy.delete(id.toString(), Long.MAX_VALUE);
    }

    private static List<UUID> first(TreeSet<UUID> ids) {
        return ids.stream().limit(MAX_LISTED_IDS).toList();
    }
}
