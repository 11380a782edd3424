package dev.stranglerbookshop.messaging.inbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerFailuresTest {

    @Test
    void theDatabaseRefusingARecordsDataIsPermanentAndItsAbsenceIsNot() {
        assertThat(ConsumerFailures.permanent(new RuntimeException(new SQLException("invalid byte sequence", "22021"))))
                .isTrue();
        assertThat(ConsumerFailures.permanent(new RuntimeException(new SQLException("value too long", "22001"))))
                .isTrue();
        assertThat(ConsumerFailures.permanent(new SQLException("duplicate key", "23505"))).isTrue();
        assertThat(ConsumerFailures.permanent(new RuntimeException(new PoisonEvent("bad")))).isTrue();
        assertThat(ConsumerFailures.permanent(new RuntimeException(new SQLException("connection refused", "08001"))))
                .isFalse();
        assertThat(ConsumerFailures.permanent(new SQLException("terminating connection", "57P01"))).isFalse();
        assertThat(ConsumerFailures.permanent(new SQLException("permission denied", "42501"))).isFalse();
        assertThat(ConsumerFailures.permanent(new SQLException("no state"))).isFalse();
        assertThat(ConsumerFailures.permanent(new IllegalStateException("timeout"))).isFalse();
    }

    @Test
    @Timeout(5) // a walk that does not end would otherwise hang the build
    void aCauseChainThatLoopsEndsTheWalk() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(ConsumerFailures.permanent(second)).isFalse();

        RuntimeException poisoned = new RuntimeException("outer");
        PoisonEvent poison = new PoisonEvent("bad");
        poisoned.initCause(poison);
        poison.initCause(poisoned);
        assertThat(ConsumerFailures.permanent(poisoned)).isTrue();
    }

    @Test
    void anEntityBeanValidationRefusesIsPermanent() {
        var violation = new jakarta.validation.ConstraintViolationException("email: must be a well-formed address",
                java.util.Set.of());
        assertThat(ConsumerFailures.permanent(new RuntimeException("could not persist", violation))).isTrue();
    }

    @Test
    void aFailureWithoutAMessageStillGivesAReason() {
        RuntimeException silent = new IllegalStateException((String) null, new SQLException(null, "23505"));

        assertThat(ConsumerFailures.classify(silent)).isInstanceOf(PoisonEvent.class)
                .hasMessage("this event can never be stored: java.lang.IllegalStateException");
    }

    @Test
    void classifyTurnsOnlyPermanentFailuresIntoPoison() {
        RuntimeException refusedData = new RuntimeException(new SQLException("value too long", "22001"));
        RuntimeException outage = new RuntimeException(new SQLException("connection refused", "08001"));
        PoisonEvent poison = new PoisonEvent("unreadable");

        assertThat(ConsumerFailures.classify(refusedData)).isInstanceOf(PoisonEvent.class).hasCause(refusedData)
                .hasMessageContaining("value too long");
        assertThat(ConsumerFailures.classify(outage)).isSameAs(outage);
        assertThat(ConsumerFailures.classify(poison)).isSameAs(poison);
    }
}
