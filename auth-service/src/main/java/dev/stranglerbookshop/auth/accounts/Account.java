package dev.stranglerbookshop.auth.accounts;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** An account in the {@code accounts} schema: the monolith's at stages 1-3, this service's own at stage 4. */
@Entity
@Table(schema = "accounts", name = "accounts")
public class Account extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Stored lower-cased: emails are compared case-insensitively. */
    @Column(nullable = false)
    public String email;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(nullable = false)
    public String role;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static Optional<Account> byEmail(String email) {
        return find("email", normalise(email)).firstResultOptional();
    }

    static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
