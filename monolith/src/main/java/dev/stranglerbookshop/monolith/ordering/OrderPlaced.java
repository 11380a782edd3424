package dev.stranglerbookshop.monolith.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A customer placed an order and its stock is reserved. Carries what a confirmation mail needs. */
public record OrderPlaced(UUID eventId, Instant occurredAt, UUID orderId, UUID customerId, String customerEmail,
        List<OrderLine> lines, BigDecimal total) {
}
