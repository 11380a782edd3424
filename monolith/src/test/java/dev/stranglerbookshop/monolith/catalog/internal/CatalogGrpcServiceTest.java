package dev.stranglerbookshop.monolith.catalog.internal;

import dev.stranglerbookshop.proto.catalog.v1.CatalogService;
import dev.stranglerbookshop.proto.catalog.v1.GetBookRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
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
}
