package dev.stranglerbookshop.auth.store;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.util.Optional;

/**
 * The accounts databases of the configured {@link MovePhase} ({@code bookshop.auth.accounts.phase}, default
 * {@code legacy}). The default datasource is the monolith's database in phase {@code legacy} (stages 1-3: the
 * deployment points it there, with the {@code auth_service} role) and this service's own in every later phase, where
 * the monolith's is the datasource named {@code legacy}. Refuses to start when the phase needs a database that is not
 * configured, or asks for {@code own} while the monolith still announces registrations from its accounts table.
 */
@Singleton
public class Stores {

    private final MovePhase phase;
    private final Optional<AccountRows> legacy;
    private final Optional<AccountRows> own;

    Stores(MoveSettings settings, DataSource database,
            @io.quarkus.agroal.DataSource("legacy") Instance<AgroalDataSource> legacyDatabase) {
        this.phase = MovePhase.parse(settings.phase());
        if (this.phase == MovePhase.OWN) {
            // The monolith records which accounts it announced (UserRegistered) in a table that references its
            // accounts: with legacy no longer written, announcing an account would fail after the account was made.
            throw new IllegalStateException("Accounts move phase own retires the monolith's accounts, but the monolith "
                    + "still announces auth-service's registrations from them (UserRegistered); stay at write-own until "
                    + "auth-service announces registrations itself");
        }
        if (this.phase == MovePhase.LEGACY) {
            this.legacy = Optional.of(new AccountRows(database, "legacy"));
            this.own = Optional.empty();
        } else {
            this.own = Optional.of(new AccountRows(database, "own"));
            this.legacy = Optional.of(new AccountRows(active(legacyDatabase), "legacy"));
        }
    }

    private DataSource active(Instance<AgroalDataSource> legacyDatabase) {
        try {
            return legacyDatabase.get();
        } catch (RuntimeException inactive) { // Arc's InactiveBeanException: no URL configured
            throw new IllegalStateException("Accounts move phase " + phase.label() + " reads or writes the monolith's "
                    + "accounts: configure the datasource named legacy (QUARKUS_DATASOURCE_LEGACY_JDBC_URL, "
                    + "_USERNAME, _PASSWORD: the monolith's database with the auth_service role)", inactive);
        }
    }

    public MovePhase phase() {
        return phase;
    }

    @Produces
    @Singleton
    AccountStore accountStore(MeterRegistry meters) {
        return new AccountStore(phase, legacy, own, meters);
    }

    /**
     * The move's commands for this phase.
     *
     * @throws IllegalStateException in a phase that writes one store only ({@link AccountsMove#notMoving})
     */
    public AccountsMove move() {
        return new AccountsMove(phase, legacy, own);
    }
}
