package dev.stranglerbookshop.auth.store;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A row of {@code accounts.accounts}: the monolith's table at stages 1-3, this service's own from the accounts move
 * on ({@link MovePhase}). Accounts are written once and never updated.
 *
 * @param email        lower-cased (emails compare case-insensitively), at most 254 characters
 * @param role         {@code customer} or {@code admin}
 * @param createdAt    truncated to microseconds, PostgreSQL's precision, so a stored account equals the answered one
 */
public record Account(UUID id, String email, String displayName, String passwordHash, String role,
        Instant createdAt) {

    /** The form emails are stored and compared in. */
    public static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

}
