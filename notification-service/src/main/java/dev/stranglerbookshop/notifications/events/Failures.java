package dev.stranglerbookshop.notifications.events;

import java.sql.SQLException;

/**
 * Tells a record's own fault, which no retry can mend, from trouble around it (the database unreachable or refusing
 * for a while), which retrying outlasts.
 */
final class Failures {

    private Failures() {
    }

    /**
     * @param failure what handling a record threw, with its causes
     * @return true when retrying the same record can only fail the same way: a {@link PoisonEvent} anywhere in the
     *         chain, or a PostgreSQL error of SQLSTATE class 22 (data exception: a value the column cannot hold) or 23
     *         (integrity constraint violation), both decided by the record's data alone (PostgreSQL manual, appendix
     *         A, "PostgreSQL Error Codes"); false for everything else (connection failures, class 08; the server
     *         shutting down, 57; a missing grant, 42; a timeout), which is the surroundings' fault
     */
    static boolean permanent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PoisonEvent) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }
}
