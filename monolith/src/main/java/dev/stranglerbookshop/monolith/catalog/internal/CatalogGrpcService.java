package dev.stranglerbookshop.monolith.catalog.internal;

import dev.stranglerbookshop.monolith.catalog.BookContract;
import dev.stranglerbookshop.proto.catalog.v1.CatalogService;
import dev.stranglerbookshop.proto.catalog.v1.GetBookRequest;
import dev.stranglerbookshop.proto.catalog.v1.ListBooksRequest;
import dev.stranglerbookshop.proto.catalog.v1.ListBooksResponse;
import io.grpc.Status;
import io.quarkus.panache.common.Sort;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The catalog's internal contract for extracted services ({@code proto/bookshop/catalog/v1/catalog.proto}): one book,
 * and the whole catalog in pages for a copy's backfill (search-service's own index, stage 4).
 */
@GrpcService
public class CatalogGrpcService implements CatalogService {

    /** Books per {@code ListBooks} page when the request names none. */
    static final int DEFAULT_PAGE_SIZE = 500;
    /** The most books one {@code ListBooks} page holds: bounds the query. */
    static final int MAX_PAGE_SIZE = 1_000;
    /**
     * The most bytes of books one page answers (serialized), at least one book whatever its size: a book may hold
     * about 10 K characters (BookRequest's limits), so 1,000 of them could pass the 4 MiB a gRPC client accepts by
     * default, and a backfill would fail on that page at every retry.
     */
    static final int MAX_PAGE_BYTES = 1 << 20;
    private static final String TOKEN_PREFIX = "after:";

    /** @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT for an id that is not a UUID, NOT_FOUND for none */
    @Override
    @Blocking
    public Uni<dev.stranglerbookshop.proto.catalog.v1.Book> getBook(GetBookRequest request) {
        UUID id;
        try {
            id = UUID.fromString(request.getBookId());
        } catch (IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT.withDescription("book_id must be a UUID").asRuntimeException();
        }
        Book book = Book.findById(id);
        if (book == null) {
            throw Status.NOT_FOUND.withDescription("No book " + id).asRuntimeException();
        }
        return Uni.createFrom().item(BookContract.of(book.view(), book.version));
    }

    /**
     * Keyset paging by id in PostgreSQL's uuid order (never OFFSET: a page costs the same wherever it starts, and
     * books created or deleted meanwhile cannot shift the pages). The token is the last id answered, opaque to
     * callers. A page holds at most {@code page_size} books and at most {@value #MAX_PAGE_BYTES} bytes of them (but
     * always one), so it may hold fewer books than asked while more follow.
     *
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT for a page size outside 0..{@value #MAX_PAGE_SIZE} or a
     *         token not in this service's format
     */
    @Override
    @Blocking
    public Uni<ListBooksResponse> listBooks(ListBooksRequest request) {
        int size = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw Status.INVALID_ARGUMENT.withDescription("page_size must be 0 (for " + DEFAULT_PAGE_SIZE + ") to "
                    + MAX_PAGE_SIZE + ", not " + request.getPageSize()).asRuntimeException();
        }
        UUID after = after(request.getPageToken());
        // One more than the page holds: whether anything follows, without a second query.
        List<Book> books = (after == null ? Book.<Book>findAll(Sort.by("id"))
                : Book.<Book>find("id > ?1", Sort.by("id"), after)).range(0, size).list();
        ListBooksResponse.Builder page = ListBooksResponse.newBuilder();
        long bytes = 0;
        for (Book book : books.subList(0, Math.min(size, books.size()))) {
            var answered = BookContract.of(book.view(), book.version);
            bytes += answered.getSerializedSize();
            if (page.getBooksCount() > 0 && bytes > MAX_PAGE_BYTES) {
                break; // the page is full by bytes before it is by count
            }
            page.addBooks(answered);
        }
        if (books.size() > page.getBooksCount()) {
            page.setNextPageToken(token(books.get(page.getBooksCount() - 1).id));
        }
        return Uni.createFrom().item(page.build());
    }

    static String token(UUID after) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + after).getBytes(StandardCharsets.UTF_8));
    }

    private static UUID after(String token) {
        if (token.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(TOKEN_PREFIX)) {
                UUID id = UUID.fromString(decoded.substring(TOKEN_PREFIX.length()));
                if (token(id).equals(token)) { // canonical: one token per position
                    return id;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw Status.INVALID_ARGUMENT.withDescription("page_token is not one this service issued")
                .asRuntimeException();
    }
}
