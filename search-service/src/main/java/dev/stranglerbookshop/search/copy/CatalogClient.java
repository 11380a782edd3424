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

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The monolith's catalog as the copy reads it (client {@code catalog}, {@code proto/bookshop/catalog/v1}): every call
 * with the deadline {@code bookshop.search.copy.backfill.page-deadline}, pages of
 * {@code bookshop.search.copy.backfill.page-size} books. Shared by {@link Backfill} and {@link Reconciliation}.
 */
@ApplicationScoped
public class CatalogClient {

    private final CatalogServiceGrpc.CatalogServiceBlockingStub catalog;
    private final int pageSize;
    private final Duration deadline;

    CatalogClient(@GrpcClient("catalog") CatalogServiceGrpc.CatalogServiceBlockingStub catalog,
            @ConfigProperty(name = "bookshop.search.copy.backfill.page-size") int pageSize,
            @ConfigProperty(name = "bookshop.search.copy.backfill.page-deadline") Duration deadline) {
        this.catalog = catalog;
        this.pageSize = pageSize;
        this.deadline = deadline;
    }

    /**
     * @param token empty for the first page, else the previous page's {@code next_page_token}
     * @throws StatusRuntimeException DEADLINE_EXCEEDED past the deadline, UNAVAILABLE when the catalog is down, ...
     */
    public ListBooksResponse page(String token) {
        return catalog.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .listBooks(ListBooksRequest.newBuilder().setPageSize(pageSize).setPageToken(token).build());
    }

    /**
     * @return the book as the catalog holds it now; empty when it answers NOT_FOUND
     * @throws StatusRuntimeException for any other failure, as {@link #page}
     */
    public Optional<Book> book(UUID id) {
        try {
            return Optional.of(catalog.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .getBook(GetBookRequest.newBuilder().setBookId(id.toString()).build()));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                throw e;
            }
            return Optional.empty();
        }
    }
}
