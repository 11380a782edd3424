package dev.stranglerbookshop.monolith.search.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** One ranked result; {@code score} is PostgreSQL's ts_rank_cd (higher is better, comparable within one query). */
public record SearchHit(UUID id, String isbn, String title, List<String> authors, List<String> tags, BigDecimal price,
        String currency, boolean inStock, double score) {
}
