package dev.stranglerbookshop.monolith.ordering;

import java.time.Instant;
import java.util.UUID;

/** An administrator shipped a placed order. */
public record OrderShipped(UUID eventId, Instant occurredAt, UUID orderId, UUID customerId, String customerEmail) {
}
