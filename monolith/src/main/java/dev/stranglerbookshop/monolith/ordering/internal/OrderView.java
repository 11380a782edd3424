package dev.stranglerbookshop.monolith.ordering.internal;

import dev.stranglerbookshop.monolith.ordering.OrderLine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as its customer sees it. */
public record OrderView(UUID id, OrderStatus status, List<OrderLine> items, BigDecimal total, String currency,
        Instant createdAt, Instant updatedAt) {

    static OrderView of(Order order) {
        return new OrderView(order.id, order.status, order.lineViews(), order.total, "EUR", order.createdAt,
                order.updatedAt);
    }
}
