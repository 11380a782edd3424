package dev.stranglerbookshop.monolith.catalog.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogSeedTest {

    @Test
    void theSeedIsARealisticCatalogOfValidDistinctBooks() {
        List<BookRequest> books = CatalogSeed.read();

        assertThat(books).hasSizeGreaterThanOrEqualTo(200);
        assertThat(books).allSatisfy(book -> {
            assertThat(Isbn.isValid(book.isbn())).as(book.isbn()).isTrue();
            assertThat(book.authors()).isNotEmpty();
            assertThat(book.tags()).isNotEmpty();
            assertThat(book.description()).hasSizeGreaterThan(30);
            assertThat(book.price()).isPositive();
        });
        assertThat(books).extracting(BookRequest::isbn).doesNotHaveDuplicates();
        assertThat(books).extracting(BookRequest::title).doesNotHaveDuplicates();
        assertThat(books).filteredOn(b -> b.stock() == 0).isNotEmpty();
    }

    @Test
    void isbnCheckDigitsAreEnforced() {
        assertThat(Isbn.isValid("978-0-306-40615-7")).isTrue();
        assertThat(Isbn.isValid("0-306-40615-2")).isTrue();
        assertThat(Isbn.isValid("080442957X")).isTrue();
        assertThat(Isbn.isValid("978-0-306-40615-8")).isFalse();
        assertThat(Isbn.isValid("0-306-40615-3")).isFalse();
        assertThat(Isbn.toIsbn13("0-306-40615-2")).isEqualTo("9780306406157");
    }
}
