package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.monolith.accounts.UserView;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

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
        return email.strip().toLowerCase(java.util.Locale.ROOT);
    }

    UserView view() {
        return new UserView(id, email, displayName, role, createdAt);
    }
}
