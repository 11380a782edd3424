package dev.stranglerbookshop.monolith.search.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The search module's copy of a catalog book; the database derives the weighted text vector from it. */
@Entity
@Table(schema = "search", name = "book_documents")
public class BookDocument {

    @Id
    @Column(name = "book_id")
    public UUID bookId;

    @Column(nullable = false)
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

    @Column(nullable = false, precision = 10, scale = 2)
    public BigDecimal price;

    @Column(nullable = false)
    public int stock;
}
