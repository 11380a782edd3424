package dev.stranglerbookshop.platform.throttle;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of attempts in fixed time windows, kept in a PostgreSQL table so that every instance on one database shares
 * them. {@link #spend} is one atomic statement ({@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}): concurrent
 * callers for one key are serialised by the row lock and each sees its own count, so a limit cannot be overrun by a
 * burst that checks before it records.
 *
 * <p>The table needs {@code (key text PRIMARY KEY, attempts integer NOT NULL, window_start timestamptz NOT NULL)};
 * times are the database's ({@code now()}), so instances with skewed clocks agree. Rows of windows long over are deleted
 * now and then by the callers themselves (every {@value #SWEEP_EVERY}th spend).
 */
public final class AttemptWindows {

    /**
     * What {@link #spend} recorded (this attempt's number in the window, 1 = the first) or {@link #current} read, and
     * when the window ends.
     */
    public record Spent(String key, int attempt, Instant windowStart, Instant windowEnd, Instant now) {

        /** Whether this attempt is within {@code limit} attempts per window. */
        public boolean within(int limit) {
            return attempt <= limit;
        }

        /** Time left until the window ends and the count starts again (at least zero). */
        public Duration untilReset() {
            Duration left = Duration.between(now, windowEnd);
            return left.isNegative() ? Duration.ZERO : left;
        }
    }

    static final int SWEEP_EVERY = 1_000;

    private final DataSource database;
    private final String table;
    private final Duration window;
    private final AtomicLong spends = new AtomicLong();

    /**
     * @param table  the qualified table name, a constant of the caller (never user input: it becomes part of the SQL)
     * @param window the length of a window; a key's window starts with its first attempt
     */
    public AttemptWindows(DataSource database, String table, Duration window) {
        if (!table.matches("[a-z_]+\\.[a-z_]+")) {
            throw new IllegalArgumentException("not a schema-qualified table name: " + table);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a window lasts longer than zero: " + window);
        }
        this.database = database;
        this.table = table;
        this.window = window;
    }

    /**
     * Records one attempt for {@code key}, atomically, and answers its number in the current window (a window over
     * starts a new one at 1).
     *
     * @throws IllegalStateException when the database cannot be reached (the caller answers as for any database failure)
     */
    public Spent spend(String key) {
        sweepNowAndThen();
        String sql = "INSERT INTO " + table + " AS w (key, attempts, window_start) VALUES (?, 1, now()) "
                + "ON CONFLICT (key) DO UPDATE SET "
                + "attempts = CASE WHEN w.window_start <= now() - ? * interval '1 millisecond' THEN 1 "
                + "ELSE w.attempts + 1 END, "
                + "window_start = CASE WHEN w.window_start <= now() - ? * interval '1 millisecond' THEN now() "
                + "ELSE w.window_start END "
                + "RETURNING attempts, window_start, now()";
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            statement.setLong(2, window.toMillis());
            statement.setLong(3, window.toMillis());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                Instant start = row.getTimestamp(2).toInstant();
                return new Spent(key, row.getInt(1), start, start.plus(window), row.getTimestamp(3).toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count an attempt in " + table, e);
        }
    }

    /**
     * The attempts recorded for {@code key} in its current window, counting none: attempt 0 (and a window ending now)
     * when there are none or the window is over.
     */
    public Spent current(String key) {
        String sql = "SELECT attempts, window_start, now() FROM " + table
                + " WHERE key = ? AND window_start > now() - ? * interval '1 millisecond'";
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            statement.setLong(2, window.toMillis());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    Instant now = Instant.now();
                    return new Spent(key, 0, now, now, now);
                }
                Instant start = row.getTimestamp(2).toInstant();
                return new Spent(key, row.getInt(1), start, start.plus(window), row.getTimestamp(3).toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read attempts in " + table, e);
        }
    }

    private void sweepNowAndThen() {
        if (spends.incrementAndGet() % SWEEP_EVERY != 0) {
            return;
        }
        String sql = "DELETE FROM " + table + " WHERE window_start < now() - ? * interval '1 millisecond'";
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, window.toMillis());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete windows over from " + table, e);
        }
    }
}
