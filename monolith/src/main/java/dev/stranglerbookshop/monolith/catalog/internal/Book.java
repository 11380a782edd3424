package dev.stranglerbookshop.monolith.catalog.internal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import dev.stranglerbookshop.monolith.catalog.BookView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Entity
@Table(schema = "catalog", name = "books")
public class Book extends PanacheEntityBase {

    static final String CURRENCY = "EUR";

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String isbn;

    @Column(nullable = false)
    public String title;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> authors = new ArrayList<>();

    @Column(nullable = false)
    public String description = "";

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> tags = new ArrayList<>();

    /** EUR, two fraction digits. */
    @Column(nullable = false, precision = 10, scale = 2)
    public BigDecimal price;

    @Column(nullable = false)
    public int stock;

    @Version
    public long version;

    BookView view() {
        return new BookView(id, isbn, title, List.copyOf(authors), description, List.copyOf(tags), price, CURRENCY,
                stock);
    }
}
