package dev.stranglerbookshop.monolith.accounts;

import java.time.Instant;
import java.util.UUID;

/** A user as the public API and other modules see them: never the password hash. */
public record UserView(UUID id, String email, String displayName, String role, Instant createdAt) {
}
