package dev.stranglerbookshop.auth.accounts;

import dev.stranglerbookshop.auth.store.Account;
import dev.stranglerbookshop.auth.store.AccountStore;
import dev.stranglerbookshop.auth.store.SyncAtStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Creates the administrator named by {@code bookshop.auth.admin.email/password} once the accounts move (after the
 * sync at start, so an administrator the monolith created before is found, not made twice), if absent. While the
 * monolith's accounts are the only ones (phase {@code legacy}, stages 1-3) the monolith creates it, and from stage 4
 * it no longer does. An existing account is left alone: configuration never silently resets a password. Several
 * instances in one phase starting at once are safe: the record's unique email index lets one insert win.
 */
@ApplicationScoped
public class AdminAccount {

    private static final Logger LOG = Logger.getLogger(AdminAccount.class);

    private final AuthSettings.Admin admin;
    private final AccountStore store;
    private final PasswordHasher hasher;

    AdminAccount(AuthSettings settings, AccountStore store, PasswordHasher hasher) {
        this.admin = settings.admin();
        this.store = store;
        this.hasher = hasher;
    }

    void afterSync(@Observes SyncAtStart.AccountsSynced synced) {
        if (admin.email().isEmpty() || admin.password().isEmpty()) {
            LOG.warn("No administrator configured (bookshop.auth.admin.email/password): admin endpoints are unusable");
            return;
        }
        String email = Account.normalise(admin.email().get());
        if (store.byEmail(email).isPresent()) {
            return;
        }
        Account account = new Account(UUID.randomUUID(), email, admin.displayName().strip(),
                hasher.hash(admin.password().get()), "admin", Instant.now().truncatedTo(ChronoUnit.MICROS));
        if (store.insert(account)) {
            LOG.infof("Created the administrator %s (accounts move phase %s)", email, synced.phase().label());
        }
    }
}
