package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.monolith.accounts.Roles;
import dev.stranglerbookshop.platform.stage.MigrationStage;
import dev.stranglerbookshop.topology.ServiceSpec;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Creates the administrator named by {@code bookshop.auth.admin.email/password} at start if it does not exist yet,
 * while the accounts are the monolith's (stages 0-3; from stage 4 auth-service creates it).
 * An existing account is left alone: configuration never silently resets a password.
 */
@ApplicationScoped
public class AdminAccount {

    private static final Logger LOG = Logger.getLogger(AdminAccount.class);

    private final AuthSettings.Admin admin;
    private final AccountService accounts;
    private final EntityManager em;
    private final MigrationStage stage;

    AdminAccount(AuthSettings settings, AccountService accounts, EntityManager em, MigrationStage stage) {
        this.admin = settings.admin();
        this.accounts = accounts;
        this.em = em;
        this.stage = stage;
    }

    void onStart(@Observes StartupEvent started) {
        if (stage.current().move(ServiceSpec.AUTH_SERVICE).isPresent()) {
            // The accounts are moving to auth-service's database (stage 4): it creates the administrator there, and
            // one made here too would be a second account with the same email and another id.
            LOG.info("The administrator is auth-service's to create at this stage (its accounts move)");
            return;
        }
        if (admin.email().isEmpty() || admin.password().isEmpty()) {
            LOG.warn("No administrator configured (bookshop.auth.admin.email/password): admin endpoints are unusable");
            return;
        }
        ensureAdmin();
    }

    @Transactional
    void ensureAdmin() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('accounts-admin'))").getSingleResult();
        if (Account.byEmail(admin.email().get()).isEmpty()) {
            accounts.create(admin.email().get(), admin.password().get(), admin.displayName(), Roles.ADMIN);
            LOG.infof("Created the administrator %s", Account.normalise(admin.email().get()));
        }
    }
}
