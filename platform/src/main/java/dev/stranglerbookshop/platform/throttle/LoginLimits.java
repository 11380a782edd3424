package dev.stranglerbookshop.platform.throttle;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The login limits every login path applies alike (the monolith's accounts module, auth-service): attempts per client
 * address, and failures per account counted <em>before</em> the password is checked (a reservation, given back when
 * the password was right), each in fixed windows of an {@link AttemptWindows} table shared by every instance. Parallel
 * attempts cannot overrun a limit: each is numbered by one atomic statement. A module's login throttle extends it
 * with its own table and its protocol's refusal.
 */
public class LoginLimits {

    /** Builds the caller's refusal: its protocol's answer for "too many attempts {@code scope}, wait {@code wait}". */
    @FunctionalInterface
    public interface Refusal {
        RuntimeException tooMany(String scope, Duration wait);
    }

    /** Limits: at most {@code attempts} per window of {@code period}. */
    public record Limit(int attempts, Duration period) {
    }

    private final Limit perAccount;
    private final Limit perAddress;
    private final AttemptWindows accounts;
    private final AttemptWindows addresses;
    private final Refusal refusal;

    /** @param table the schema-qualified table of {@link AttemptWindows} (a constant, never input) */
    public LoginLimits(DataSource database, String table, Limit perAccount, Limit perAddress, Refusal refusal) {
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.accounts = new AttemptWindows(database, table, perAccount.period());
        this.addresses = new AttemptWindows(database, table, perAddress.period());
        this.refusal = refusal;
    }

    /**
     * Counts an attempt from {@code address} and a presumed failure against {@code email} (normalised), before any
     * password is checked.
     *
     * @return the reservation to hand to {@link #succeeded} if the password turns out right
     * @throws RuntimeException the {@link Refusal}'s answer when the address or the account has no attempts left
     */
    public AttemptWindows.Spent beforeAttempt(String email, String address) {
        AttemptWindows.Spent byAddress = addresses.spend("address:" + address);
        if (!byAddress.within(perAddress.attempts())) {
            throw refusal.tooMany("from this address", byAddress.untilReset());
        }
        AttemptWindows.Spent byAccount = accounts.spend("account:" + email);
        if (!byAccount.within(perAccount.attempts())) {
            throw refusal.tooMany("for this account", byAccount.untilReset());
        }
        return byAccount;
    }

    /**
     * Whether an attempt would be refused now, counting nothing: for a dry run (shadow mode) next to a path that counts
     * the same attempt in the same table.
     *
     * @throws RuntimeException the {@link Refusal}'s answer when the address or the account has no attempts left
     */
    public void check(String email, String address) {
        if (addresses.count("address:" + address) >= perAddress.attempts()) {
            throw refusal.tooMany("from this address", perAddress.period());
        }
        if (accounts.count("account:" + email) >= perAccount.attempts()) {
            throw refusal.tooMany("for this account", perAccount.period());
        }
    }

    /** The password was right: the attempt reserved against the account does not count as a failure. */
    public void succeeded(AttemptWindows.Spent reservation) {
        accounts.giveBack(reservation);
    }
}
