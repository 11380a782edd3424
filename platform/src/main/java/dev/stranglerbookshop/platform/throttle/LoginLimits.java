package dev.stranglerbookshop.platform.throttle;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The login limits every login path applies alike (the monolith's accounts module, auth-service), in fixed windows of
 * an {@link AttemptWindows} table shared by every instance: attempts per client address, each counted before anything
 * else; and failures per account. An account over its limit is refused before its password is checked, and a wrong
 * password is counted by one atomic statement <em>before</em> its verdict is answered: its number in the window decides
 * between "wrong credentials" and a refusal, so parallel wrong passwords get at most the limit's number of verdicts,
 * while parallel right ones (a client's several tabs, a burst) are never refused for each other. A right password is
 * refused as well once the account's limit is reached. A module's login throttle extends this class with its own
 * table and its protocol's refusal.
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
     * Before the password is checked: counts an attempt from {@code address} and refuses an account (normalised
     * {@code email}) whose failures reached its limit.
     *
     * @param count false for a dry run (shadow mode, next to a path that counts the same attempt in the same table):
     *              the address's attempts are looked at, not counted
     * @throws RuntimeException the {@link Refusal}'s answer when the address or the account has no attempts left
     */
    public void beforeAttempt(String email, String address, boolean count) {
        String byAddress = "address:" + address;
        AttemptWindows.Spent attempts = count ? addresses.spend(byAddress) : next(addresses.current(byAddress));
        if (!attempts.within(perAddress.attempts())) {
            throw refusal.tooMany("from this address", attempts.untilReset());
        }
        AttemptWindows.Spent failures = accounts.current("account:" + email);
        if (failures.attempt() >= perAccount.attempts()) {
            throw refusal.tooMany("for this account", failures.untilReset());
        }
    }

    /**
     * The password was wrong (or the account unknown): counts the failure, atomically, before the verdict is answered.
     * Returns normally when the verdict may be given ("wrong credentials").
     *
     * @param count false for a dry run: the failure is not counted, only what counting it would answer
     * @throws RuntimeException the {@link Refusal}'s answer when this failure is beyond the account's limit
     */
    public void failed(String email, boolean count) {
        String byAccount = "account:" + email;
        AttemptWindows.Spent failures = count ? accounts.spend(byAccount) : next(accounts.current(byAccount));
        if (!failures.within(perAccount.attempts())) {
            throw refusal.tooMany("for this account", failures.untilReset());
        }
    }

    /**
     * The password was right: refuses it all the same when the account's failures reached the limit meanwhile.
     *
     * @throws RuntimeException the {@link Refusal}'s answer when the account has no attempts left
     */
    public void succeeded(String email) {
        AttemptWindows.Spent failures = accounts.current("account:" + email);
        if (failures.attempt() >= perAccount.attempts()) {
            throw refusal.tooMany("for this account", failures.untilReset());
        }
    }

    /** What counting one more attempt would have recorded. */
    private static AttemptWindows.Spent next(AttemptWindows.Spent current) {
        return new AttemptWindows.Spent(current.key(), current.attempt() + 1, current.windowStart(),
                current.windowEnd(), current.now());
    }
}
