package dev.stranglerbookshop.auth.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;

/**
 * The accounts as the current {@link MovePhase} keeps them: reads from one store, a registration written to the
 * record first and then, while a move is in progress, to the other store (the follower).
 *
 * <p>The follower's write is not in the record's transaction (two databases, no two-phase commit): when it fails or
 * meets a conflicting row, the registration still stands, and the miss is logged with the account's id and counted
 * ({@code accounts_move_follower_misses_total}). {@link AccountsMove#sync} repairs a failed write; a conflicting row
 * (the same email under another id, written by someone else) it never overwrites, and {@link AccountsMove#verify}
 * lists both ids for a person to decide.
 */
public final class AccountStore {

    private static final Logger LOG = Logger.getLogger(AccountStore.class);

    private final MovePhase phase;
    private final AccountRows reads;
    private final AccountRows record;
    private final Optional<AccountRows> follower;
    private final Counter followerMisses;

    /**
     * @param legacy the monolith's accounts; required in the phases that read or write them
     * @param own    this service's own accounts; required from {@link MovePhase#DUAL_WRITE} on
     * @throws IllegalArgumentException when the phase needs a store that is not given
     */
    public AccountStore(MovePhase phase, Optional<AccountRows> legacy, Optional<AccountRows> own, MeterRegistry meters) {
        this.phase = phase;
        AccountRows ownRows = phase == MovePhase.LEGACY ? null : require(own, "own", phase);
        AccountRows legacyRows = phase == MovePhase.OWN ? null : require(legacy, "legacy", phase);
        this.reads = phase.readsOwn() ? ownRows : legacyRows;
        this.record = phase.ownIsRecord() ? ownRows : legacyRows;
        this.follower = !phase.writesBoth() ? Optional.empty() : Optional.of(phase.ownIsRecord() ? legacyRows : ownRows);
        this.followerMisses = Counter.builder("accounts_move_follower_misses_total")
                .description("Registrations written to the record but not to the other store (sync repairs them)")
                .register(meters);
    }

    public MovePhase phase() {
        return phase;
    }

    /** The store answering reads ({@code legacy} or {@code own}). */
    public String readsFrom() {
        return reads.name();
    }

    /** The store written first, whose unique indexes decide a duplicate. */
    public String recordIn() {
        return record.name();
    }

    /** @throws AccountStoreException when the reading store cannot answer */
    public Optional<Account> byId(UUID id) {
        return reads.byId(id);
    }

    /** @throws AccountStoreException when the reading store cannot answer */
    public Optional<Account> byEmail(String email) {
        return reads.byEmail(email);
    }

    /**
     * Writes a new account: to the record, then to the follower if a move is in progress.
     *
     * @return false when the record already holds its id or email (a duplicate; nothing written anywhere)
     * @throws AccountStoreException when the record cannot be written (the follower's failures are only counted)
     */
    public boolean insert(Account account) {
        if (!record.insert(account)) {
            return false;
        }
        follower.ifPresent(other -> {
            try {
                // A sync may have copied it in between: only a different row there is a miss.
                if (!other.insert(account) && !other.byId(account.id()).filter(account::equals).isPresent()) {
                    miss(other, account, "its id or email is taken there by another row");
                }
            } catch (AccountStoreException e) {
                miss(other, account, e.getMessage());
            }
        });
        return true;
    }

    private void miss(AccountRows other, Account account, String why) {
        followerMisses.increment();
        LOG.warnf("Account %s is in the %s accounts but not in the %s ones (%s); run the move's sync (phase %s)",
                account.id(), record.name(), other.name(), why, phase.label());
    }

    private static AccountRows require(Optional<AccountRows> rows, String which, MovePhase phase) {
        return rows.orElseThrow(() -> new IllegalArgumentException("Accounts move phase " + phase.label() + " needs the "
                + which + " accounts database"
                + ("legacy".equals(which) ? " (quarkus.datasource.\"legacy\".jdbc.url: the monolith's database)" : "")));
    }
}
