package dev.stranglerbookshop.monolith.search.internal;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A validated full-text query: {@code text} in web-search syntax ("quoted phrase", -exclude, or), 1..200 characters
 * without leading or trailing blanks; optional inclusive price bounds in EUR (0..99,999,999.99) and stock filter; a
 * page 0..10000 of 1..100 hits.
 */
public record SearchQuery(String text, BigDecimal minPrice, BigDecimal maxPrice, Boolean inStock, int page, int size) {

    /**
     * What keeps a search canary sticky: the query without its page, so every page of one search comes from the same
     * side (the two sides page the same rows identically, but a page boundary must never move under a reader).
     */
    String callerKey() {
        return text.toLowerCase(Locale.ROOT) + "|" + minPrice + "|" + maxPrice + "|" + inStock;
    }
}
