package dev.stranglerbookshop.notifications.events;

import dev.stranglerbookshop.messaging.inbox.ConsumerFailures;
import dev.stranglerbookshop.messaging.inbox.ConsumerRetry;
import dev.stranglerbookshop.messaging.inbox.PoisonEvent;
import dev.stranglerbookshop.notifications.mail.MailDispatcher;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The two topics the monolith publishes (see {@code proto/asyncapi.yaml}), consumed by the messaging library's
 * conventions. Records are handled one at a time, in order. A record that can never be handled ({@link EventParser}
 * refuses it, or the database refuses its data: see {@link ConsumerFailures#permanent}) nacks at once as a
 * {@link PoisonEvent}, and the dead-letter strategy parks it on {@code <topic>.dlq} with the reason; the consumer
 * carries on. Any other failure (the database unreachable, say) is not the record's fault: it is retried as
 * {@link ConsumerRetry} says, holding the following records back, for up to {@value #RETRY_BUDGET_MINUTES} minutes
 * before it too is dead-lettered. SMTP trouble never fails a record: the mail is stored and retried on its own.
 * <p>
 * The channels' settings that go with this (group id, dead-letter topic, the connector's unprocessed-record max age,
 * a poll of at most 100 ms) are in {@code application.properties}; the library's {@code ConsumerChannels} refuses to
 * start without them, or without a writable {@code processed_events} table.
 */
@ApplicationScoped
public class EventConsumer {

    /** How long a record is retried while the failure is not its fault, in minutes ({@link ConsumerRetry}). */
    public static final long RETRY_BUDGET_MINUTES = ConsumerRetry.BUDGET_MINUTES;
    /** The longest wait between two retries, in seconds ({@link ConsumerRetry}). */
    public static final long MAX_BACKOFF_SECONDS = ConsumerRetry.MAX_BACKOFF_SECONDS;

    private final EventHandler handler;
    private final MailDispatcher mail;

    EventConsumer(EventHandler handler, MailDispatcher mail) {
        this.handler = handler;
        this.mail = mail;
    }

    /**
     * Handles one record of {@code bookshop.users.v1}; returns once its effects are committed (the record is then
     * acked).
     *
     * @throws PoisonEvent when the record can never be handled: it is dead-lettered without a retry
     * @throws RuntimeException anything else, after the retries: the record is dead-lettered too
     */
    @Incoming("user-events")
    @Blocking
    @Retry(maxRetries = -1, delay = ConsumerRetry.FIRST_DELAY_MS, maxDuration = ConsumerRetry.BUDGET_MINUTES,
            durationUnit = ChronoUnit.MINUTES, abortOn = PoisonEvent.class)
    @ExponentialBackoff(maxDelay = ConsumerRetry.MAX_BACKOFF_SECONDS, maxDelayUnit = ChronoUnit.SECONDS)
    public void onUserEvent(ConsumerRecord<String, byte[]> record) {
        handle(record);
    }

    /** Handles one record of {@code bookshop.orders.v1}, as {@link #onUserEvent} does. */
    @Incoming("order-events")
    @Blocking
    @Retry(maxRetries = -1, delay = ConsumerRetry.FIRST_DELAY_MS, maxDuration = ConsumerRetry.BUDGET_MINUTES,
            durationUnit = ChronoUnit.MINUTES, abortOn = PoisonEvent.class)
    @ExponentialBackoff(maxDelay = ConsumerRetry.MAX_BACKOFF_SECONDS, maxDelayUnit = ChronoUnit.SECONDS)
    public void onOrderEvent(ConsumerRecord<String, byte[]> record) {
        handle(record);
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        NotificationEvent event = EventParser.parse(record);
        Optional<UUID> toSend;
        try {
            toSend = handler.handle(event);
        } catch (RuntimeException e) {
            throw ConsumerFailures.classify(e);
        }
        toSend.ifPresent(mail::sendSoon);
    }
}
