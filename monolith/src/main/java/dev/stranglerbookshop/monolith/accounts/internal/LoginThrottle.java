package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.platform.problem.ProblemException;
import dev.stranglerbookshop.platform.throttle.LoginLimits;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Brute-force protection for logins, counted in {@code accounts.login_attempts} (shared by every monolith instance
 * and, at stages 1-3, by auth-service, which counts in the same table): every attempt from a client address counts, at
 * most {@code bookshop.auth.throttle.address-attempts} per {@code address-period}; an account whose failures reached
 * {@code account-failures} per {@code account-period} is refused, even with the right password; and each failure
 * (unknown email or wrong password alike, so answers do not reveal which emails exist) is counted by one atomic
 * statement before its verdict is answered ({@link LoginLimits}), so parallel wrong passwords get at most that many
 * 401s. Over a limit: {@code 429 too-many-login-attempts} with {@code Retry-After} (seconds until the window ends).
 */
@Singleton
public class LoginThrottle extends LoginLimits {

    static final String TABLE = "accounts.login_attempts";

    LoginThrottle(AuthSettings settings, DataSource database) {
        super(database, TABLE, new Limit(settings.throttle().accountFailures(), settings.throttle().accountPeriod()),
                new Limit(settings.throttle().addressAttempts(), settings.throttle().addressPeriod()),
                LoginThrottle::tooMany);
    }

    private static ProblemException tooMany(String scope, Duration wait) {
        return AuthProblems.throttled(
                "Too many login attempts " + scope + "; try again in " + Math.max(1, wait.toSeconds()) + " s.", wait);
    }
}
