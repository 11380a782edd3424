package dev.stranglerbookshop.monolith.search.internal;

import java.math.BigDecimal;

/** A full-text query with optional filters; {@code text} uses web-search syntax ("quoted phrase", -exclude, or). */
public record SearchQuery(String text, BigDecimal minPrice, BigDecimal maxPrice, Boolean inStock, int page, int size) {
}
