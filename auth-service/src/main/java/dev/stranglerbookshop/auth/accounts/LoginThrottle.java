package dev.stranglerbookshop.auth.accounts;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import dev.stranglerbookshop.platform.throttle.LoginLimits;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/**
 * Brute-force protection for logins, as the monolith's accounts module does it and in the same table,
 * {@code accounts.login_attempts} (the monolith's at stages 1-3, so both sides and every instance share one count):
 * every attempt from a client address counts, at most {@code bookshop.auth.throttle.address-attempts} per
 * {@code address-period}; an account whose failures reached {@code account-failures} per {@code account-period} is
 * refused, even with the right password; and each failure (known account or not) is counted by one atomic statement
 * before its verdict is answered ({@link LoginLimits}), so parallel wrong passwords get at most that many
 * UNAUTHENTICATED. Over a limit: {@code RESOURCE_EXHAUSTED} with a {@code google.rpc.RetryInfo} saying when the window
 * ends (whole seconds, at least 1).
 */
@Singleton
public class LoginThrottle extends LoginLimits {

    static final String TABLE = "accounts.login_attempts";

    LoginThrottle(AuthSettings settings, DataSource database) {
        super(database, TABLE, new Limit(settings.throttle().accountFailures(), settings.throttle().accountPeriod()),
                new Limit(settings.throttle().addressAttempts(), settings.throttle().addressPeriod()),
                LoginThrottle::tooMany);
    }

    private static StatusRuntimeException tooMany(String scope, java.time.Duration wait) {
        long seconds = Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
        RetryInfo retry = RetryInfo.newBuilder().setRetryDelay(Duration.newBuilder().setSeconds(seconds)).build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
                .setMessage("Too many login attempts " + scope + "; try again in " + seconds + " s.")
                .addDetails(Any.pack(retry))
                .build());
    }
}
