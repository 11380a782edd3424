package dev.stranglerbookshop.search.copy;

import dev.stranglerbookshop.proto.catalog.v1.Book;
import dev.stranglerbookshop.proto.catalog.v1.CatalogServiceGrpc;
import dev.stranglerbookshop.proto.catalog.v1.GetBookRequest;
import dev.stranglerbookshop.proto.catalog.v1.ListBooksRequest;
import dev.stranglerbookshop.proto.catalog.v1.ListBooksResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The truth check of the own index against the catalog (stage 4): pages the catalog ({@code ListBooks}), reads the
 * index ({@link CatalogCopy#checksums}), and compares the number of books and a checksum of each book's indexed
 * fields ({@link BookChecksum}). A book the index holds at a <em>newer</em> version than the page that listed it is
 * not a difference (an event overtook the page). {@link #repair} re-reads every differing book from the catalog
 * ({@code GetBook}) and makes the index hold it, or drop it when the catalog no longer has it.
 */
@ApplicationScoped
public class Reconciliation {

    /** The most ids a report lists per kind of difference; the counts are always complete. */
    public static final int MAX_LISTED_IDS = 100;

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    private final CatalogServiceGrpc.CatalogServiceBlockingStub catalog;
    private final CatalogCopy copy;
    private final int pageSize;
    private final Duration deadline;

    Reconciliation(@GrpcClient("catalog") CatalogServiceGrpc.CatalogServiceBlockingStub catalog, CatalogCopy copy,
            @ConfigProperty(name = "bookshop.search.copy.backfill.page-size") int pageSize,
            @ConfigProperty(name = "bookshop.search.copy.backfill.page-deadline") Duration deadline) {
        this.catalog = catalog;
        this.copy = copy;
        this.pageSize = pageSize;
        this.deadline = deadline;
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
     * Checks, then mends each difference found: the catalog's book as {@code GetBook} answers it now is written to
     * the index even at a version the index already holds (a corrupted row); a book the catalog answers NOT_FOUND for
     * is removed. Safe to run at any time and again: events newer than the repair still win.
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
        TreeSet<UUID> missing = new TreeSet<>();
        TreeSet<UUID> differing = new TreeSet<>();
        long catalogBooks = 0;
        String token = "";
        do {
            ListBooksResponse page = catalog.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .listBooks(ListBooksRequest.newBuilder().setPageSize(pageSize).setPageToken(token).build());
            for (Book book : page.getBooksList()) {
                catalogBooks++;
                UUID id = UUID.fromString(book.getId());
                CatalogCopy.Indexed held = index.remove(id);
                if (held == null) {
                    missing.add(id);
                } else if (held.version() <= book.getVersion() && !held.checksum().equals(BookChecksum.of(book))) {
                    differing.add(id);
                }
            }
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        TreeSet<UUID> extra = new TreeSet<>(index.keySet()); // what no page listed
        long repaired = 0;
        if (repair) {
            List<UUID> all = new ArrayList<>(missing);
            all.addAll(differing);
            all.addAll(extra);
            for (UUID id : all) {
                if (mend(id, index.get(id))) {
                    repaired++;
                }
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

    private boolean mend(UUID id, CatalogCopy.Indexed heldExtra) {
        Optional<Book> now;
        try {
            now = Optional.of(catalog.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .getBook(GetBookRequest.newBuilder().setBookId(id.toString()).build()));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                throw e;
            }
            now = Optional.empty();
        }
        if (now.isPresent()) {
            return copy.overwrite(now.get());
        }
        // Gone from the catalog: a tombstone one past what the index holds (a real deletion's version is at least that).
        long version = heldExtra != null ? heldExtra.version() + 1 : 0;
        return copy.delete(id.toString(), version);
    }

    private static List<UUID> first(TreeSet<UUID> ids) {
        return ids.stream().limit(MAX_LISTED_IDS).toList();
    }
}
