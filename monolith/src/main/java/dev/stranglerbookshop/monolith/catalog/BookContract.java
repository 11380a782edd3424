package dev.stranglerbookshop.monolith.catalog;

import dev.stranglerbookshop.proto.catalog.v1.Book;
import dev.stranglerbookshop.proto.common.v1.Money;

/**
 * A book in the catalog contract's shape ({@code proto/bookshop/catalog/v1/catalog.proto}): what {@code GetBook}
 * answers and catalog events carry, mapped in this one place so the two cannot drift apart.
 */
public final class BookContract {

    private BookContract() {
    }

    /**
     * @param version the book's row version ({@code catalog.books.version}), as catalog events carry it
     * @return the book with its price as a plain decimal string with two fraction digits ("12.50"), the currency as
     *         ISO 4217
     */
    public static Book of(BookView book, long version) {
        return Book.newBuilder()
                .setId(book.id().toString())
                .setIsbn(book.isbn())
                .setTitle(book.title())
                .addAllAuthors(book.authors())
                .setDescription(book.description())
                .addAllTags(book.tags())
                .setPrice(Money.newBuilder().setCurrencyCode(book.currency()).setAmount(book.price().toPlainString()))
                .setStock(book.stock())
                .setVersion(version)
                .build();
    }
}
