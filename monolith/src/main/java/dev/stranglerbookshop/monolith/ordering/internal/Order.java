package dev.stranglerbookshop.monolith.ordering.internal;

import dev.stranglerbookshop.monolith.ordering.OrderLine;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@Entity(name = "CustomerOrder") // "Order" is a query-language keyword
@Table(schema = "ordering", name = "orders")
public class Order extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    @Column(name = "customer_email", nullable = false)
    public String customerEmail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrderStatus status;

    @Column(nullable = false, precision = 12, scale = 2)
    public BigDecimal total;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(schema = "ordering", name = "order_lines", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    public List<Line> lines = new ArrayList<>();

    @Embeddable
    public static class Line {
        @Column(name = "book_id", nullable = false)
        public UUID bookId;

        @Column(nullable = false)
        public String title;

        @Column(nullable = false)
        public int quantity;

        @Column(name = "unit_price", nullable = false, precision = 10, scale = 2)
        public BigDecimal unitPrice;

        OrderLine view() {
            return new OrderLine(bookId, title, quantity, unitPrice);
        }
    }

    List<OrderLine> lineViews() {
        return lines.stream().map(Line::view).toList();
    }

    Map<UUID, Integer> quantities() {
        return lines.stream().collect(Collectors.toMap(l -> l.bookId, l -> l.quantity, Integer::sum));
    }
}
