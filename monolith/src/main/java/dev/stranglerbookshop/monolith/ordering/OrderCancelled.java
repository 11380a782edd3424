package dev.stranglerbookshop.monolith.ordering;

import java.time.Instant;
import java.util.UUID;

/** A placed order was cancelled by its customer and its stock released. */
public record OrderCancelled(UUID eventId, Instant occurredAt, UUID orderId, UUID customerId, String customerEmail) {
}
