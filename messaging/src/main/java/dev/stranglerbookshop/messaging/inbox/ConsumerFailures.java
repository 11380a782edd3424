package dev.stranglerbookshop.messaging.inbox;

import jakarta.validation.ValidationException;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a record's own fault, which no retry can mend, from trouble around it (the database unreachable or refusing
 * for a while), which retrying outlasts. A consumer turns the first into a {@link PoisonEvent} (dead-lettered at once)
 * and lets the second through to its {@link ConsumerRetry} retries.
 */
public final class ConsumerFailures {

    private ConsumerFailures() {
    }

    /**
     * @param failure what handling a record threw, with its causes
     * @return true when retrying the same record can only fail the same way: a {@link PoisonEvent} anywhere in the
     *         chain, a Bean Validation refusal ({@code jakarta.validation.ValidationException}), or a PostgreSQL error
     *         of SQLSTATE class 22 (data exception: a value the column cannot hold) or 23 (integrity constraint
     *         violation; PostgreSQL manual, appendix A, "PostgreSQL Error Codes"). Class 23 is permanent for a consumer
     *         whose writes depend on the record alone; one whose foreign keys point at rows another topic brings
     *         (where order across topics is not guaranteed) must catch that case itself. False for everything else
     *         (connection failures, class 08; the server shutting down, 57; a missing grant or table, 42; a timeout),
     *         which is the surroundings' fault. A chain whose causes loop back is walked once round.
     */
    public static boolean permanent(Throwable failure) {
        // Causes are settable (initCause), so a chain can loop; each throwable is looked at once.
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof PoisonEvent) {
                return true;
            }
            if (cause instanceof ValidationException) { // Hibernate ORM validates entities before writing them
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a consumer method rethrows when handling a record failed.
     *
     * @param failure what handling the record threw
     * @return {@code failure} itself when it is a {@link PoisonEvent} or not {@link #permanent} (then it is retried);
     *         otherwise a {@link PoisonEvent} naming it, so the record is dead-lettered without a retry
     */
    public static RuntimeException classify(RuntimeException failure) {
        if (failure instanceof PoisonEvent || !permanent(failure)) {
            return failure;
        }
        String message = failure.getMessage() != null ? failure.getMessage() : failure.toString();
        return new PoisonEvent("this event can never be stored: " + message, failure);
    }
}
