package dev.stranglerbookshop.search.index;

import dev.stranglerbookshop.proto.common.v1.Money;
import dev.stranglerbookshop.proto.search.v1.SearchHit;
import dev.stranglerbookshop.proto.search.v1.SearchResponse;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * PostgreSQL full-text search over {@code search.book_documents}: the monolith's search module, moved. The statement
 * is the module's, word for word (weighted document, {@code websearch_to_tsquery('english')}, {@code ts_rank_cd}, ties
 * by title then id), so both answer the same on the same rows: shadow mode and the acceptance suite check it. At stage
 * 3 the table is the monolith's projection, read with a SELECT-only role.
 */
@ApplicationScoped
public class FullTextSearch {

    private static final String MATCHES = " FROM search.book_documents d, websearch_to_tsquery('english', ?) q"
            + " WHERE d.document @@ q";

    private final DataSource database;

    FullTextSearch(DataSource database) {
        this.database = database;
    }

    @WithSpan("search.query")
    SearchResponse search(BookQuery query) {
        StringBuilder where = new StringBuilder(MATCHES);
        if (query.minPrice() != null) {
            where.append(" AND d.price >= ?");
        }
        if (query.maxPrice() != null) {
            where.append(" AND d.price <= ?");
        }
        if (query.inStock() != null) {
            where.append(query.inStock() ? " AND d.stock > 0" : " AND d.stock = 0");
        }
        SearchResponse.Builder response = SearchResponse.newBuilder().setPage(query.page()).setPageSize(query.size());
        try (Connection connection = database.getConnection()) {
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*)" + where)) {
                bind(count, query);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    response.setTotal(rows.getLong(1));
                }
            }
            try (PreparedStatement hits = connection.prepareStatement("SELECT d.book_id, d.isbn, d.title, d.authors,"
                    + " d.tags, d.price, d.stock, ts_rank_cd(d.document, q) AS score" + where
                    + " ORDER BY score DESC, d.title, d.book_id LIMIT ? OFFSET ?")) {
                int next = bind(hits, query);
                hits.setInt(next++, query.size());
                hits.setLong(next, (long) query.page() * query.size());
                try (ResultSet rows = hits.executeQuery()) {
                    while (rows.next()) {
                        response.addHits(hit(rows));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("search failed: " + e.getMessage(), e);
        }
        return response.build();
    }

    /** Binds the query's parameters in statement order; answers the next parameter index. */
    private static int bind(PreparedStatement statement, BookQuery query) throws SQLException {
        int index = 1;
        statement.setString(index++, query.text());
        if (query.minPrice() != null) {
            statement.setBigDecimal(index++, query.minPrice());
        }
        if (query.maxPrice() != null) {
            statement.setBigDecimal(index++, query.maxPrice());
        }
        return index;
    }

    private static SearchHit hit(ResultSet row) throws SQLException {
        // Rounded as the monolith rounds it: the public API shows 4 decimals.
        double score = Math.round(row.getDouble("score") * 10_000) / 10_000.0;
        BigDecimal price = row.getBigDecimal("price");
        return SearchHit.newBuilder()
                .setBookId(row.getString("book_id"))
                .setIsbn(row.getString("isbn"))
                .setTitle(row.getString("title"))
                .addAllAuthors(strings(row.getArray("authors")))
                .addAllTags(strings(row.getArray("tags")))
                .setPrice(Money.newBuilder().setCurrencyCode("EUR").setAmount(price.toPlainString()))
                .setInStock(row.getInt("stock") > 0)
                .setScore(score)
                .setRank(score)
                .build();
    }

    private static List<String> strings(Array column) throws SQLException {
        return column == null ? List.of() : Arrays.stream((Object[]) column.getArray()).map(String::valueOf).toList();
    }
}
