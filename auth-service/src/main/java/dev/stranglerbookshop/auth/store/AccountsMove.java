package dev.stranglerbookshop.auth.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The accounts move's two commands, run while both stores are written ({@link MovePhase#writesBoth()}):
 * {@link #sync} copies what either database lacks from the other (the backfill of the accounts from before the dual
 * write, what the monolith writes itself, the repair of a missed follower write), {@link #verify} compares the two,
 * account by account.
 * Both are safe to run at any time, again and in parallel with traffic: accounts are never updated, so a copied row
 * stays right, and an interrupted sync is finished by running it again.
 */
public final class AccountsMove {

    /** Rows per batch: one INSERT of this many rows, committed on its own (an interruption loses no copied batch). */
    static final int BATCH = 1_000;
    /** At most this many ids are listed per kind of difference; the counts are always complete. */
    static final int LISTED = 100;

    private static final String ROWS = "SELECT id, email, display_name, password_hash, role, created_at "
            + "FROM accounts.accounts ORDER BY id";
    // One digest per account over every column, each prefixed with its length so that no two rows can run together.
    // Ordered by the uuid column itself (byte order, its primary key's index), which is the order of its lower-case hex
    // text under String.compareTo; the text alias must not be what is sorted (a collation may ignore the hyphens).
    private static final String DIGESTS = "SELECT id::text AS account_id, md5(concat_ws(':', length(email), email, "
            + "length(display_name), display_name, length(password_hash), password_hash, role, "
            + "(extract(epoch FROM created_at) * 1000000)::bigint)) AS digest FROM accounts.accounts ORDER BY id";
    private static final String COPY = "INSERT INTO accounts.accounts "
            + "(id, email, display_name, password_hash, role, created_at) "
            + "SELECT * FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], "
            // ISO-8601 instants with their Z: an array of java.sql.Timestamp would travel as local wall-clock text
            + "?::text[]::timestamptz[]) "
            + "ON CONFLICT DO NOTHING";

    private final MovePhase phase;
    private final AccountRows legacy;
    private final AccountRows own;

    /**
     * @throws IllegalStateException when the phase writes one store only: there is nothing to move or compare
     */
    public AccountsMove(MovePhase phase, Optional<AccountRows> legacy, Optional<AccountRows> own) {
        if (!phase.writesBoth()) {
            throw new IllegalStateException(notMoving(phase));
        }
        this.phase = phase;
        this.legacy = legacy.orElseThrow();
        this.own = own.orElseThrow();
    }

    /** Why a phase refuses the move's commands, for the operator. */
    public static String notMoving(MovePhase phase) {
        return "No accounts move is in progress in phase " + phase.label() + ": sync and verify run in dual-write, "
                + "read-own and write-own (bookshop.auth.accounts.phase), where both databases are written";
    }

    /**
     * What a sync did.
     *
     * @param scanned         accounts read from both databases
     * @param copiedToOwn     accounts own lacked and now has
     * @param copiedToLegacy  accounts legacy lacked and now has
     * @param millis          wall time, ms
     * @param complete        false when stopped by the limit (run again to copy the next ones)
     */
    public record SyncReport(long scanned, long copiedToOwn, long copiedToLegacy, long millis, boolean complete) {
    }

    /**
     * Copies every account one database lacks into it from the other: legacy to own (the backfill of the accounts
     * from before the dual write, and what the monolith still writes itself: its administrator, registrations on its
     * own route), then own to legacy (what a failed follower write missed, and the way back from {@code write-own}).
     * In id order, in batches of {@value #BATCH} rows, each committed on its own. An account whose id or email the
     * other database holds already is left alone ({@code ON CONFLICT DO NOTHING}): if its row differs, {@link #verify}
     * lists it; nothing is ever overwritten.
     *
     * @param limit stop after copying this many accounts in each direction (an interruption on purpose: each run
     *              copies the next ones, since copied accounts are no longer missing); empty for all
     * @throws AccountStoreException when either database fails (what was committed stays; run again)
     */
    public SyncReport sync(OptionalLong limit) {
        long started = System.nanoTime();
        long[] toOwn = copyMissing(legacy, own, limit);
        long[] toLegacy = copyMissing(own, legacy, limit);
        return new SyncReport(toOwn[0] + toLegacy[0], toOwn[1], toLegacy[1], (System.nanoTime() - started) / 1_000_000,
                toOwn[2] == 1 && toLegacy[2] == 1);
    }

    /** @return scanned, copied, 1 when complete */
    private static long[] copyMissing(AccountRows from, AccountRows to, OptionalLong limit) {
        long scanned = 0;
        long copied = 0;
        boolean complete = true;
        try (Connection source = from.database().getConnection();
                Connection target = to.database().getConnection()) {
            source.setAutoCommit(false); // PostgreSQL streams a result in fetch-size chunks only inside a transaction
            try (PreparedStatement rows = source.prepareStatement(ROWS);
                    PreparedStatement copy = target.prepareStatement(COPY)) {
                rows.setFetchSize(BATCH);
                try (ResultSet row = rows.executeQuery()) {
                    List<Account> batch = new ArrayList<>(BATCH);
                    while (row.next()) {
                        int room = BATCH;
                        if (limit.isPresent()) {
                            long left = limit.getAsLong() - copied;
                            if (left <= 0) {
                                complete = false;
                                break;
                            }
                            room = (int) Math.min(BATCH, left); // a batch never copies more than the limit leaves
                        }
                        batch.add(AccountRows.read(row));
                        scanned++;
                        if (batch.size() >= room) {
                            copied += copy(copy, target, batch);
                        }
                    }
                    copied += copy(copy, target, batch);
                }
            } finally {
                source.rollback();
            }
        } catch (SQLException e) {
            throw new AccountStoreException(from.name() + " or " + to.name(), e);
        }
        return new long[] {scanned, copied, complete ? 1 : 0};
    }

    private static int copy(PreparedStatement copy, Connection target, List<Account> batch) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        copy.setArray(1, array(target, "uuid", batch.stream().map(Account::id).toArray()));
        copy.setArray(2, array(target, "varchar", batch.stream().map(Account::email).toArray()));
        copy.setArray(3, array(target, "varchar", batch.stream().map(Account::displayName).toArray()));
        copy.setArray(4, array(target, "varchar", batch.stream().map(Account::passwordHash).toArray()));
        copy.setArray(5, array(target, "varchar", batch.stream().map(Account::role).toArray()));
        copy.setArray(6, array(target, "text", batch.stream().map(a -> a.createdAt().toString()).toArray()));
        int inserted = copy.executeUpdate(); // the target connection auto-commits: each batch is its own transaction
        batch.clear();
        return inserted;
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }

    /**
     * The comparison of the two stores.
     *
     * @param legacyAccounts  accounts in the monolith's database
     * @param ownAccounts     accounts in this service's own
     * @param onlyInLegacy    how many are in legacy only; {@code onlyInLegacyIds} lists the first {@value #LISTED}
     * @param onlyInOwn       how many are in own only (with up to {@value #LISTED} ids)
     * @param differing       how many are in both with any column different (with up to {@value #LISTED} ids)
     * @param emailConflicts  among the listed legacy-only ids, those whose email own holds under another id, as
     *                        {@code "<legacy id> / <own id>"}: two accounts for one email, which no sync mends (a
     *                        person decides which stays)
     * @param millis          wall time, ms
     * @param identical       true when nothing differs: reads may move ({@link MovePhase#READ_OWN})
     */
    public record VerifyReport(String phase, long legacyAccounts, long ownAccounts, long onlyInLegacy,
            List<String> onlyInLegacyIds, long onlyInOwn, List<String> onlyInOwnIds, long differing,
            List<String> differingIds, List<String> emailConflicts, long millis, boolean identical) {
    }

    /**
     * Compares the stores account by account: a digest of every column per id, both sides streamed in id order and
     * merged. Rows written while it runs may show as differences; verify again after a sync.
     *
     * @throws AccountStoreException when either database fails
     */
    public VerifyReport verify() {
        long started = System.nanoTime();
        Difference onlyLegacy = new Difference();
        Difference onlyOwn = new Difference();
        Difference differing = new Difference();
        long legacyCount = 0;
        long ownCount = 0;
        try (Connection l = legacy.database().getConnection(); Connection o = own.database().getConnection()) {
            l.setAutoCommit(false);
            o.setAutoCommit(false);
            try (PreparedStatement lq = l.prepareStatement(DIGESTS); PreparedStatement oq = o.prepareStatement(DIGESTS)) {
                lq.setFetchSize(BATCH);
                oq.setFetchSize(BATCH);
                try (ResultSet lr = lq.executeQuery(); ResultSet or = oq.executeQuery()) {
                    boolean lHas = lr.next();
                    boolean oHas = or.next();
                    while (lHas || oHas) {
                        int order = !lHas ? 1 : !oHas ? -1 : lr.getString(1).compareTo(or.getString(1));
                        if (order < 0) {
                            onlyLegacy.add(lr.getString(1));
                        } else if (order > 0) {
                            onlyOwn.add(or.getString(1));
                        } else if (!lr.getString(2).equals(or.getString(2))) {
                            differing.add(lr.getString(1));
                        }
                        if (order <= 0) {
                            legacyCount++;
                            lHas = lr.next();
                        }
                        if (order >= 0) {
                            ownCount++;
                            oHas = or.next();
                        }
                    }
                }
            } finally {
                l.rollback();
                o.rollback();
            }
        } catch (SQLException e) {
            throw new AccountStoreException("legacy or own", e);
        }
        List<String> conflicts = new ArrayList<>();
        for (String id : onlyLegacy.ids) {
            legacy.byId(UUID.fromString(id)).flatMap(account -> own.byEmail(account.email()))
                    .ifPresent(other -> conflicts.add(id + " / " + other.id()));
        }
        return new VerifyReport(phase.label(), legacyCount, ownCount, onlyLegacy.count, onlyLegacy.ids, onlyOwn.count,
                onlyOwn.ids, differing.count, differing.ids, conflicts, (System.nanoTime() - started) / 1_000_000,
                onlyLegacy.count + onlyOwn.count + differing.count == 0);
    }

    private static final class Difference {
        private long count;
        private final List<String> ids = new ArrayList<>();

        void add(String id) {
            count++;
            if (ids.size() < LISTED) {
                ids.add(id);
            }
        }
    }
}
