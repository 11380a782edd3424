package dev.stranglerbookshop.monolith.catalog.internal;

import dev.stranglerbookshop.proto.catalog.v1.CatalogService;
import dev.stranglerbookshop.proto.catalog.v1.GetBookRequest;
import dev.stranglerbookshop.proto.catalog.v1.ListBooksRequest;
import dev.stranglerbookshop.proto.catalog.v1.ListBooksResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class CatalogGrpcServiceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @GrpcClient("catalog")
    CatalogService catalog;

    @Test
    void getBookRoundTripsArraysAndExactPrices() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Book book = new Book();
            book.id = id;
            book.isbn = String.valueOf(9_780_000_000_000L + Math.floorMod(id.getLeastSignificantBits(), 999_999_999L));
            book.title = "Middlemarch";
            book.authors = List.of("George Eliot");
            book.description = "A study of provincial life.";
            book.tags = List.of("classic", "novel");
            book.price = new BigDecimal("12.50");
            book.stock = 3;
            book.persist();
        });

        var book = catalog.getBook(GetBookRequest.newBuilder().setBookId(id.toString()).build()).await().atMost(DEADLINE);

        assertThat(book.getTitle()).isEqualTo("Middlemarch");
        assertThat(book.getAuthorsList()).containsExactly("George Eliot");
        assertThat(book.getTagsList()).containsExactly("classic", "novel");
        assertThat(book.getPrice().getAmount()).isEqualTo("12.50");
        assertThat(book.getPrice().getCurrencyCode()).isEqualTo("EUR");
        assertThat(book.getStock()).isEqualTo(3);
    }

    @Test
    void unknownBookIsNotFound() {
        assertThatThrownBy(() -> catalog.getBook(GetBookRequest.newBuilder().setBookId(UUID.randomUUID().toString()).build())
                .await().atMost(DEADLINE))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void negativeStockIsRefusedByTheSchema() {
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            Book book = new Book();
            book.id = UUID.randomUUID();
            book.isbn = "9780000000001";
            book.title = "Broken";
            book.price = BigDecimal.ONE;
            book.stock = -1;
            book.persist();
        })).hasStackTraceContaining("books_stock_check");
    }

    private final List<UUID> added = new ArrayList<>();

    /** Enough books for several pages, whatever ran before (this profile seeds no catalog); removed after. */
    @BeforeEach
    void aCatalogOfSeveralPages() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (long missing = 12 - Book.count(); missing > 0; missing--) {
                added.add(newBook(UUID.randomUUID(), "Paged Book " + missing).id);
            }
        });
    }

    @AfterEach
    void removeTheBooksAdded() {
        if (!added.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> Book.delete("id in ?1", added));
        }
    }

    @Test
    void listBooksPagesTheWholeCatalogOnceInIdOrderWithVersions() {
        long total = Book.count();
        List<dev.stranglerbookshop.proto.catalog.v1.Book> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListBooksResponse page = catalog.listBooks(ListBooksRequest.newBuilder().setPageSize(7)
                    .setPageToken(token).build()).await().atMost(DEADLINE);
            assertThat(page.getBooksCount()).isBetween(1, 7);
            seen.addAll(page.getBooksList());
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty() && pages < 10_000);

        assertThat(seen).hasSize((int) total);
        List<String> ids = seen.stream().map(dev.stranglerbookshop.proto.catalog.v1.Book::getId).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).isEqualTo(Book.<Book>findAll(io.quarkus.panache.common.Sort.by("id")).list().stream()
                .map(book -> book.id.toString()).toList());
        java.util.Map<String, Long> versions = new java.util.HashMap<>();
        Book.<Book>listAll().forEach(book -> versions.put(book.id.toString(), book.version));
        assertThat(seen).allSatisfy(book -> assertThat(book.getVersion()).as(book.getId())
                .isEqualTo(versions.get(book.getId())));
    }

    @Test
    void listBooksResumesFromAnyTokenItGaveAndBooksCreatedBehindTheCursorAreLeftToTheEvents() {
        ListBooksResponse first = catalog.listBooks(ListBooksRequest.newBuilder().setPageSize(3).build())
                .await().atMost(DEADLINE);
        assertThat(first.getNextPageToken()).isNotEmpty();
        ListBooksResponse again = catalog.listBooks(ListBooksRequest.newBuilder().setPageSize(3)
                .setPageToken(first.getNextPageToken()).build()).await().atMost(DEADLINE);
        ListBooksResponse once = catalog.listBooks(ListBooksRequest.newBuilder().setPageSize(3)
                .setPageToken(first.getNextPageToken()).build()).await().atMost(DEADLINE);
        assertThat(again).as("the same token, the same page: safe to retry").isEqualTo(once);
        assertThat(again.getBooksList()).extracting(dev.stranglerbookshop.proto.catalog.v1.Book::getId)
                .doesNotContainAnyElementsOf(first.getBooksList().stream()
                        .map(dev.stranglerbookshop.proto.catalog.v1.Book::getId).toList());

        // A book whose id sorts first, created after the first page: the rest of this listing cannot see it (the
        // catalog events carry it), a listing from the start does.
        UUID behind = new UUID(0, 1);
        QuarkusTransaction.requiringNew().run(() -> Book.deleteById(behind));
        QuarkusTransaction.requiringNew().run(() -> newBook(behind, "Behind The Cursor"));
        try {
            List<String> rest = new ArrayList<>();
            String token = first.getNextPageToken();
            while (!token.isEmpty()) {
                ListBooksResponse page = catalog.listBooks(ListBooksRequest.newBuilder().setPageSize(1_000)
                        .setPageToken(token).build()).await().atMost(DEADLINE);
                page.getBooksList().forEach(book -> rest.add(book.getId()));
                token = page.getNextPageToken();
            }
            assertThat(rest).doesNotContain(behind.toString()).hasSize((int) Book.count() - 4);
            assertThat(catalog.listBooks(ListBooksRequest.newBuilder().setPageSize(1).build()).await()
                    .atMost(DEADLINE).getBooks(0).getId()).isEqualTo(behind.toString());
        } finally {
            QuarkusTransaction.requiringNew().run(() -> Book.deleteById(behind));
        }
    }

    /** Persisted (in the caller's transaction), without the catalog service: no events, no search document. */
    private static Book newBook(UUID id, String title) {
        Book book = new Book();
        book.id = id;
        book.isbn = String.valueOf(9_790_000_000_000L + Math.floorMod(id.getLeastSignificantBits(), 999_999_999L));
        book.title = title;
        book.price = BigDecimal.TEN;
        book.stock = 1;
        book.persist();
        return book;
    }

    @Test
    void listBooksRefusesPageSizesOutOfRangeAndTokensItDidNotIssue() {
        for (int size : List.of(-1, 1_001, Integer.MAX_VALUE, Integer.MIN_VALUE)) {
            assertInvalid(ListBooksRequest.newBuilder().setPageSize(size).build(), "page_size");
        }
        UUID gone = UUID.randomUUID();
        String issued = CatalogGrpcService.token(gone);
        String encoder = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "after:1-1-1-1-1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String token : List.of("garbage", "%00", "\u0000", issued + "=", issued + "x", issued.toUpperCase(),
                encoder, "YWZ0ZXI6", "x".repeat(10_000), "after:" + UUID.randomUUID())) {
            assertInvalid(ListBooksRequest.newBuilder().setPageToken(token).build(), "page_token");
        }
        // A well-formed token for a book that is gone (deleted while paging) still works: the page starts after it.
        ListBooksResponse fromAnywhere = catalog.listBooks(ListBooksRequest.newBuilder().setPageToken(issued)
                .build()).await().atMost(DEADLINE);
        long after = QuarkusTransaction.requiringNew().call(() -> ((Number) Book.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM catalog.books WHERE id > :id").setParameter("id", gone)
                .getSingleResult()).longValue());
        assertThat((long) fromAnywhere.getBooksCount()).isEqualTo(Math.min(after, CatalogGrpcService.DEFAULT_PAGE_SIZE));
    }

    @Test
    void aPageStopsAtItsByteBudgetBeforeItsCountAndTheRestFollows() {
        // 150 books of the largest description (5,000 three-byte characters): about 2.2 MiB, over two budgets.
        String description = "\u20ac".repeat(5_000);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 150; i++) {
                Book book = newBook(UUID.randomUUID(), "Heavy Book " + i);
                book.description = description;
                added.add(book.id);
            }
        });
        long total = QuarkusTransaction.requiringNew().call(() -> Book.count());
        List<String> ids = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListBooksResponse page = catalog.listBooks(ListBooksRequest.newBuilder().setPageSize(1_000)
                    .setPageToken(token).build()).await().atMost(DEADLINE);
            assertThat(page.getSerializedSize()).as("page " + pages).isLessThanOrEqualTo(
                    CatalogGrpcService.MAX_PAGE_BYTES + 1_024); // the books within budget plus the token's framing
            page.getBooksList().forEach(book -> ids.add(book.getId()));
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());

        assertThat(pages).as("the budget, not the count, ended the pages").isGreaterThanOrEqualTo(3);
        assertThat(ids).doesNotHaveDuplicates().hasSize((int) total);
    }

    private void assertInvalid(ListBooksRequest request, String naming) {
        assertThatThrownBy(() -> catalog.listBooks(request).await().atMost(DEADLINE))
                .as(request.toString())
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    // the service's own refusal says page_token; the platform's input policy (NUL and the like) pageToken
                    assertThat(e.getStatus().getDescription()).containsAnyOf(naming, naming.replace("_t", "T"));
                });
    }
}
