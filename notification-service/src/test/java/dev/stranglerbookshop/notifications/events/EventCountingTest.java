package dev.stranglerbookshop.notifications.events;

import dev.stranglerbookshop.contracts.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** {@code notifications_events_total} counts what committed: an attempt that rolls back counts nothing. */
@QuarkusTest
class EventCountingTest {

    static final String SERVICE_ROUTE = "route=\"service\"";

    @Inject
    EventHandler handler;

    @Test
    void anAttemptWhoseTransactionRollsBackAfterTheHandlerIsNotCounted() {
        NotificationEvent event = welcome();
        double before = EventConsumerTest.metric("notifications_events_total", SERVICE_ROUTE);
        Throwable failed = catchThrowable(() -> QuarkusTransaction.requiringNew().run(() -> {
            handler.handle(event); // stored and counted, as far as the handler can tell
            throw new IllegalStateException("something after the handler failed: the transaction rolls back");
        }));
        assertThat(failed).hasMessageContaining("rolls back");
        assertThat(EventConsumerTest.processed(event.eventId())).as("rolled back").isFalse();
        assertThat(EventConsumerTest.metric("notifications_events_total", SERVICE_ROUTE)).isEqualTo(before);

        // The positive control: the same event, committed, is counted once.
        Optional<UUID> mail = QuarkusTransaction.requiringNew().call(() -> handler.handle(event));
        assertThat(mail).isPresent();
        assertThat(EventConsumerTest.metric("notifications_events_total", SERVICE_ROUTE)).isEqualTo(before + 1);
    }

    private static NotificationEvent welcome() {
        UUID user = UUID.randomUUID();
        byte[] value = Events.userRegistered(user, UUID.randomUUID(), "counted-" + user + "@example.org", "Counted")
                .toByteArray();
        return EventParser.parse(new ConsumerRecord<>(Topics.USERS, 0, 0L, 0L, TimestampType.CREATE_TIME, 0, 0,
                user.toString(), value, Events.recordHeaders(Events.headers("UserRegistered", "service")),
                Optional.empty()));
    }
}
