package dev.stranglerbookshop.search.copy;

import dev.stranglerbookshop.proto.catalog.v1.Book;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The checksum {@link Reconciliation} compares per book: SHA-256 over the fields the index holds (id, isbn, title,
 * authors, description, tags, price in EUR (trailing zeros ignored), stock), each length-prefixed so no two books' fields can
 * run together into the same bytes. Computed the same way from a catalog {@link Book} and from an index row.
 */
public final class BookChecksum {

    private BookChecksum() {
    }

    /** @return the checksum of a catalog book as {@code ListBooks} answers it (hex, 64 characters) */
    public static String of(Book book) {
        BigDecimal price;
        try {
            price = new BigDecimal(book.getPrice().getAmount());
        } catch (NumberFormatException e) {
            price = null; // no index row has such a price, so the book counts as differing
        }
        return of(book.getId(), book.getIsbn(), book.getTitle(), book.getAuthorsList(), book.getDescription(),
                book.getTagsList(), price, book.getStock());
    }

    /** @return the checksum of one book's indexed fields (hex, 64 characters); a null price is hashed as "" */
    public static String of(String id, String isbn, String title, List<String> authors, String description,
            List<String> tags, BigDecimal price, int stock) {
        StringBuilder canonical = new StringBuilder();
        field(canonical, id);
        field(canonical, isbn);
        field(canonical, title);
        canonical.append(authors.size()).append(':');
        authors.forEach(author -> field(canonical, author));
        field(canonical, description);
        canonical.append(tags.size()).append(':');
        tags.forEach(tag -> field(canonical, tag));
        field(canonical, price == null ? "" : price.stripTrailingZeros().toPlainString());
        field(canonical, Integer.toString(stock));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private static void field(StringBuilder canonical, String value) {
        String text = value == null ? "" : value;
        canonical.append(text.length()).append(':').append(text);
    }
}
