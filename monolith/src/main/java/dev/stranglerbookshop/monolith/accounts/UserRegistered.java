package dev.stranglerbookshop.monolith.accounts;

import java.time.Instant;
import java.util.UUID;

/** A new customer registered. Carries what a welcome mail needs, so no reader has to call back. */
public record UserRegistered(UUID eventId, Instant occurredAt, UUID userId, String email, String displayName) {
}
