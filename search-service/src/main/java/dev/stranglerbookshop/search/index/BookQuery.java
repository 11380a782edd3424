package dev.stranglerbookshop.search.index;

import java.math.BigDecimal;

/**
 * A validated search: {@code text} in web-search syntax (1..200 characters, stripped), optional inclusive price
 * bounds in EUR and stock filter, a page (0..10000) of 1..100 hits.
 */
record BookQuery(String text, BigDecimal minPrice, BigDecimal maxPrice, Boolean inStock, int page, int size) {
}
