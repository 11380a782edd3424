package dev.stranglerbookshop.auth.store;

import dev.stranglerbookshop.topology.DataMove;
import dev.stranglerbookshop.topology.ServiceSpec;
import dev.stranglerbookshop.topology.StagePlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The accounts move phase by phase, and back, on two real PostgreSQL databases. */
class AccountsMoveTest {

    private static TwoDatabases db;

    @BeforeAll
    static void start() {
        db = new TwoDatabases();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void empty() {
        db.empty();
    }

    @Test
    void everyPhaseKeepsEveryAccountAndEachCanGoBack() {
        double missesBefore = db.followerMisses(); // one registry for the class: count this test's only
        List<Account> before = registerMany(db.store(MovePhase.LEGACY), "before", 300);
        assertThat(db.own.byEmail(before.get(0).email())).isEmpty();

        // Dual write: new accounts in both; the accounts from before are backfilled by sync.
        AccountStore dual = db.store(MovePhase.DUAL_WRITE);
        Account during = register(dual, "dual@example.org");
        assertThat(db.own.byId(during.id())).contains(during);
        assertThat(db.move(MovePhase.DUAL_WRITE).verify()).satisfies(r -> {
            assertThat(r.identical()).isFalse();
            assertThat(r.onlyInLegacy()).isEqualTo(300);
            assertThat(r.onlyInLegacyIds()).hasSize(AccountsMove.LISTED);
        });
        assertThat(db.move(MovePhase.DUAL_WRITE).sync(OptionalLong.empty()))
                .satisfies(r -> assertThat(r.copiedToOwn()).isEqualTo(300))
                .satisfies(r -> assertThat(r.copiedToLegacy()).isZero())
                .satisfies(r -> assertThat(r.scanned()).isEqualTo(301 + 301)); // both ways
        assertNothingToCopy(MovePhase.DUAL_WRITE); // again: nothing
        assertIdentical(MovePhase.DUAL_WRITE, 301);

        // Reads move: a pre-move account is found, byte for byte, in own.
        AccountStore readOwn = db.store(MovePhase.READ_OWN);
        assertThat(readOwn.readsFrom()).isEqualTo("own");
        assertThat(readOwn.recordIn()).isEqualTo("legacy");
        assertThat(readOwn.byEmail(before.get(7).email().toUpperCase())).contains(before.get(7));
        register(readOwn, "read-own@example.org");

        // Writes move: own is the record, legacy still follows.
        AccountStore writeOwn = db.store(MovePhase.WRITE_OWN);
        assertThat(writeOwn.recordIn()).isEqualTo("own");
        Account late = register(writeOwn, "write-own@example.org");
        assertThat(db.legacy.byId(late.id())).contains(late);
        assertIdentical(MovePhase.WRITE_OWN, 303);

        // Retired: legacy is no longer written ...
        Account retired = register(db.store(MovePhase.OWN), "own@example.org");
        assertThat(db.legacy.byId(retired.id())).isEmpty();
        // ... and the way back is write-own plus a sync, which copies it to legacy (own is the record there).
        assertThat(db.move(MovePhase.WRITE_OWN).sync(OptionalLong.empty()).copiedToLegacy()).isEqualTo(1);
        assertIdentical(MovePhase.WRITE_OWN, 304);
        // Back to the start: the monolith's accounts hold everyone, including those registered after the switch.
        AccountStore legacyAgain = db.store(MovePhase.LEGACY);
        assertThat(legacyAgain.byId(retired.id())).contains(retired);
        assertThat(legacyAgain.byId(late.id())).contains(late);
        assertThat(db.followerMisses()).isEqualTo(missesBefore);
    }

    @Test
    void aMissedFollowerWriteIsCountedAndRepairedBySync() {
        PGSimpleDataSource gone = new PGSimpleDataSource();
        gone.setUrl("jdbc:postgresql://127.0.0.1:9/own?connectTimeout=1"); // nothing listens on the discard port
        AccountStore ownDown = new AccountStore(MovePhase.DUAL_WRITE, Optional.of(db.legacy),
                Optional.of(new AccountRows(gone, "own")), db.meters);
        double missesBefore = db.followerMisses();

        Account account = register(ownDown, "own-down@example.org"); // the record holds it: the registration stands

        assertThat(db.legacy.byId(account.id())).contains(account);
        assertThat(db.followerMisses()).isEqualTo(missesBefore + 1);
        assertThat(db.move(MovePhase.DUAL_WRITE).verify().onlyInLegacyIds()).containsExactly(account.id().toString());
        assertThat(db.move(MovePhase.DUAL_WRITE).sync(OptionalLong.empty()).copiedToOwn()).isEqualTo(1);
        assertIdentical(MovePhase.DUAL_WRITE, 1);
    }

    @Test
    void aRecordThatCannotBeWrittenFailsTheRegistrationAndWritesNothing() {
        PGSimpleDataSource gone = new PGSimpleDataSource();
        gone.setUrl("jdbc:postgresql://127.0.0.1:9/legacy?connectTimeout=1");
        AccountStore legacyDown = new AccountStore(MovePhase.DUAL_WRITE, Optional.of(new AccountRows(gone, "legacy")),
                Optional.of(db.own), db.meters);
        Account account = TwoDatabases.account("legacy-down@example.org");

        assertThatThrownBy(() -> legacyDown.insert(account)).isInstanceOf(AccountStoreException.class)
                .hasMessageContaining("legacy accounts database failed");
        assertThat(db.own.byId(account.id())).isEmpty();
    }

    @Test
    void aDifferentRowIsListedNeverOverwritten() {
        AccountStore dual = db.store(MovePhase.DUAL_WRITE);
        // Someone wrote own directly: the same email under another id, and a row whose name moved a colon.
        Account squatter = TwoDatabases.account("taken@example.org");
        db.own.insert(squatter);
        Account taken = register(dual, "TAKEN@example.org"); // the record (legacy) decides: free there
        Account shifted = register(dual, "a:1@example.org");
        TwoDatabases.sql(db.ownDatabase, "UPDATE accounts.accounts SET email = 'a@example.org', display_name = "
                + "':1' || display_name WHERE id = '" + shifted.id() + "'");

        assertThat(db.followerMisses()).isPositive();
        assertNothingToCopy(MovePhase.DUAL_WRITE); // nothing overwritten, either way
        AccountsMove.VerifyReport report = db.move(MovePhase.DUAL_WRITE).verify();
        assertThat(report.identical()).isFalse();
        assertThat(report.onlyInLegacyIds()).containsExactly(taken.id().toString());
        assertThat(report.onlyInOwnIds()).containsExactly(squatter.id().toString());
        assertThat(report.differingIds()).containsExactly(shifted.id().toString());
        assertThat(report.emailConflicts()).containsExactly(taken.id() + " / " + squatter.id());
        assertThat(db.own.byId(squatter.id())).contains(squatter);
    }

    @Test
    void anInterruptedSyncIsFinishedByRunningItAgain() {
        registerMany(db.store(MovePhase.LEGACY), "interrupted", 2_500);
        AccountsMove move = db.move(MovePhase.DUAL_WRITE);

        AccountsMove.SyncReport first = move.sync(OptionalLong.of(1_200));
        assertThat(first.complete()).isFalse();
        assertThat(first.copiedToOwn()).isEqualTo(1_200);
        assertThat(move.verify().onlyInLegacy()).isEqualTo(1_300);

        AccountsMove.SyncReport second = move.sync(OptionalLong.of(1_200)); // the same command again: the next ones
        assertThat(second.copiedToOwn()).isEqualTo(1_200);
        assertThat(second.complete()).isFalse();
        AccountsMove.SyncReport third = move.sync(OptionalLong.of(1_200));
        assertThat(third.copiedToOwn()).isEqualTo(100);
        assertThat(third.complete()).isTrue();
        assertThat(third.copiedToLegacy()).isZero();
        assertNothingToCopy(MovePhase.DUAL_WRITE);
        assertIdentical(MovePhase.DUAL_WRITE, 2_500);
    }

    @Test
    void registrationsRacingTheSyncAreNeitherLostNorCountedAsMisses() throws Exception {
        registerMany(db.store(MovePhase.LEGACY), "old", 3_000);
        AccountStore dual = db.store(MovePhase.DUAL_WRITE);
        double missesBefore = db.followerMisses();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int t = 0; t < 4; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    go.await();
                    return registerMany(dual, "racer" + thread + "-", 100);
                }));
            }
            go.countDown(); // writers and the sync start together
            AccountsMove.SyncReport sync = db.move(MovePhase.DUAL_WRITE).sync(OptionalLong.empty());
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            assertThat(sync.copiedToOwn()).isGreaterThanOrEqualTo(3_000);
        } finally {
            pool.shutdownNow();
        }
        assertIdentical(MovePhase.DUAL_WRITE, 3_400);
        assertThat(db.followerMisses()).isEqualTo(missesBefore);
    }

    @Test
    void whatTheMonolithWritesItselfReachesOwnInEveryPhase() {
        for (MovePhase phase : List.of(MovePhase.DUAL_WRITE, MovePhase.READ_OWN, MovePhase.WRITE_OWN)) {
            // The monolith's administrator bootstrap, or a registration on its own route: legacy only.
            Account admin = TwoDatabases.account("admin-" + phase.label() + "@example.org");
            db.legacy.insert(admin);

            assertThat(db.move(phase).sync(OptionalLong.empty()).copiedToOwn()).isEqualTo(1);
            assertThat(db.store(phase).byEmail(admin.email())).contains(admin);
        }
        assertIdentical(MovePhase.WRITE_OWN, 3);
    }

    @Test
    void aDuplicateEmailWritesNothingAnywhere() {
        AccountStore dual = db.store(MovePhase.DUAL_WRITE);
        register(dual, "once@example.org");
        Account again = TwoDatabases.account("ONCE@example.org");

        assertThat(dual.insert(again)).isFalse();
        assertThat(db.own.byId(again.id())).isEmpty();
        assertThat(db.legacy.byId(again.id())).isEmpty();
    }

    @Test
    void thePhasesWithOneStoreHaveNothingToMove() {
        for (MovePhase phase : List.of(MovePhase.LEGACY, MovePhase.OWN)) {
            assertThatThrownBy(() -> db.move(phase)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("No accounts move is in progress in phase " + phase.label());
        }
        assertThatThrownBy(() -> new AccountStore(MovePhase.READ_OWN, Optional.empty(), Optional.of(db.own), db.meters))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the legacy accounts database");
    }

    @Test
    void copiedTimesAreTheSameInstantWhateverTheJvmsTimeZone() {
        TimeZone before = TimeZone.getDefault();
        try { // 01:30 on the night New York's clocks go back happens twice there: the copy must keep the instant
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
            Account ambiguous = new Account(UUID.randomUUID(), "fall-back@example.org", "Fall Back", "$2a$04$x",
                    "customer", Instant.parse("2026-11-01T06:30:00.123456Z"));
            db.legacy.insert(ambiguous);

            assertThat(db.move(MovePhase.DUAL_WRITE).sync(OptionalLong.empty()).copiedToOwn()).isEqualTo(1);
            assertThat(db.own.byId(ambiguous.id())).contains(ambiguous);
            assertIdentical(MovePhase.DUAL_WRITE, 1);
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void thePlansPhaseNamesAgreeWithThePhases() {
        for (MovePhase phase : MovePhase.values()) {
            assertThat(DataMove.accounts(phase.label()).ownIsRecord()).as(phase.label()).isEqualTo(phase.ownIsRecord());
            assertThat(MovePhase.parse(phase.label())).isEqualTo(phase);
        }
        StagePlan.STAGES.forEach(stage -> stage.move(ServiceSpec.AUTH_SERVICE)
                .ifPresent(move -> assertThat(MovePhase.parse(move.phase())).isNotEqualTo(MovePhase.OWN)));
    }

    @Test
    void aPhaseIsNamedByItsLabelOnly() {
        assertThat(MovePhase.parse(" Dual-Write ")).isEqualTo(MovePhase.DUAL_WRITE);
        for (String wrong : new String[] {null, "", "DUAL_WRITE", "dual write", "own\u0000", "4"}) {
            assertThatThrownBy(() -> MovePhase.parse(wrong)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected legacy, dual-write, read-own, write-own or own");
        }
    }

    private static void assertNothingToCopy(MovePhase phase) {
        AccountsMove.SyncReport again = db.move(phase).sync(OptionalLong.empty());
        assertThat(again.copiedToOwn() + again.copiedToLegacy()).as("%s", again).isZero();
        assertThat(again.complete()).isTrue();
    }

    private static void assertIdentical(MovePhase phase, long accounts) {
        AccountsMove.VerifyReport report = db.move(phase).verify();
        assertThat(report.identical()).as("%s", report).isTrue();
        assertThat(report.legacyAccounts()).isEqualTo(accounts);
        assertThat(report.ownAccounts()).isEqualTo(accounts);
    }

    private static Account register(AccountStore store, String email) {
        Account account = TwoDatabases.account(email);
        assertThat(store.insert(account)).isTrue();
        return account;
    }

    private static List<Account> registerMany(AccountStore store, String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> register(store, prefix + i + "@example.org")).toList();
    }
}
