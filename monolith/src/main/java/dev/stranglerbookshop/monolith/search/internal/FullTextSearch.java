package dev.stranglerbookshop.monolith.search.internal;

import dev.stranglerbookshop.monolith.shared.Page;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * PostgreSQL full-text search over the module's documents: weighted vector, {@code websearch_to_tsquery('english')},
 * {@code ts_rank_cd} ranking (ties by title, then id), price and stock filters. search-service runs the same statement
 * (its {@code FullTextSearch}, moved from here): keep them equal; shadow mode and the acceptance suite compare them.
 */
@ApplicationScoped
public class FullTextSearch {

    private final EntityManager em;

    FullTextSearch(EntityManager em) {
        this.em = em;
    }

    @WithSpan("search.query")
    public Page<SearchHit> search(SearchQuery query) {
        StringBuilder where = new StringBuilder(" FROM search.book_documents d, websearch_to_tsquery('english', :q) q"
                + " WHERE d.document @@ q");
        if (query.minPrice() != null) {
            where.append(" AND d.price >= :minPrice");
        }
        if (query.maxPrice() != null) {
            where.append(" AND d.price <= :maxPrice");
        }
        if (query.inStock() != null) {
            where.append(query.inStock() ? " AND d.stock > 0" : " AND d.stock = 0");
        }
        long total = ((Number) bind(em.createNativeQuery("SELECT count(*)" + where), query).getSingleResult())
                .longValue();
        List<?> rows = bind(em.createNativeQuery("SELECT d.book_id, d.isbn, d.title, d.authors, d.tags, d.price,"
                + " d.stock, ts_rank_cd(d.document, q) AS score" + where
                + " ORDER BY score DESC, d.title, d.book_id LIMIT :limit OFFSET :offset"), query)
                .setParameter("limit", query.size())
                .setParameter("offset", (long) query.page() * query.size())
                .getResultList();
        List<SearchHit> hits = rows.stream().map(Object[].class::cast).map(FullTextSearch::hit).toList();
        return new Page<>(hits, query.page(), query.size(), total);
    }

    private static Query bind(Query sql, SearchQuery query) {
        sql.setParameter("q", query.text());
        if (query.minPrice() != null) {
            sql.setParameter("minPrice", query.minPrice());
        }
        if (query.maxPrice() != null) {
            sql.setParameter("maxPrice", query.maxPrice());
        }
        return sql;
    }

    private static SearchHit hit(Object[] row) {
        return new SearchHit((UUID) row[0], (String) row[1], (String) row[2], strings(row[3]), strings(row[4]),
                (BigDecimal) row[5], "EUR", ((Number) row[6]).intValue() > 0,
                Math.round(((Number) row[7]).doubleValue() * 10_000) / 10_000.0);
    }

    private static List<String> strings(Object column) {
        try {
            Object value = column instanceof Array array ? array.getArray() : column;
            return value instanceof Object[] values ? Arrays.stream(values).map(String::valueOf).toList() : List.of();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
