package dev.stranglerbookshop.auth.store;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long the accounts move's commands take for a user base: {@code bookshop.bench.accounts} (10,000) accounts in
 * the monolith's database, then sync (the backfill into an empty own database, then the look the other way), a second sync (nothing left
 * to copy either way)
 * and verify, on one real PostgreSQL server. Figures, not pass/fail (the copy's correctness is checked, its speed
 * only printed). Fully: {@code ./mvnw -pl auth-service -am verify -Pbenchmark}; in this module's own test run briefly
 * (1,000 accounts) so it cannot rot.
 */
@Tag("benchmark")
class AccountsMoveBenchmark {

    private static final boolean BRIEF = Boolean.getBoolean("bookshop.bench.brief");
    private static final int ACCOUNTS = Integer.getInteger("bookshop.bench.accounts", BRIEF ? 1_000 : 10_000);

    @Test
    void syncAndVerifyOfAUserBase() {
        try (TwoDatabases db = new TwoDatabases()) {
            // Accounts as registrations leave them: 60-character bcrypt hashes, varied names, microsecond times.
            TwoDatabases.sql(db.legacyDatabase, "INSERT INTO accounts.accounts "
                    + "(id, email, display_name, password_hash, role, created_at) "
                    + "SELECT gen_random_uuid(), 'reader' || n || '@example.org', 'Reader ' || n, "
                    + "'$2a$11$' || substr(md5(n::text) || md5((n + 1)::text), 1, 53), "
                    + "CASE WHEN n = 1 THEN 'admin' ELSE 'customer' END, "
                    + "now() - n * interval '1 minute 1 microsecond' FROM generate_series(1, " + ACCOUNTS + ") n");
            AccountsMove move = db.move(MovePhase.DUAL_WRITE);

            AccountsMove.SyncReport backfill = move.sync(OptionalLong.empty());
            AccountsMove.SyncReport again = move.sync(OptionalLong.empty());
            AccountsMove.VerifyReport verify = move.verify();

            assertThat(backfill.copiedToOwn()).isEqualTo(ACCOUNTS);
            assertThat(again.copiedToOwn() + again.copiedToLegacy()).isZero();
            assertThat(verify.identical()).isTrue();
            assertThat(verify.ownAccounts()).isEqualTo(ACCOUNTS);
            System.out.printf("%nAccounts move, %,d accounts (one PostgreSQL server, two databases):%n"
                            + "  sync (backfill)    %,6d ms  %,8.0f accounts/s%n"
                            + "  sync (nothing new) %,6d ms%n"
                            + "  verify             %,6d ms  %,8.0f accounts/s%n",
                    ACCOUNTS, backfill.millis(), ACCOUNTS * 1000.0 / Math.max(1, backfill.millis()), again.millis(),
                    verify.millis(), ACCOUNTS * 1000.0 / Math.max(1, verify.millis()));
        }
    }
}
