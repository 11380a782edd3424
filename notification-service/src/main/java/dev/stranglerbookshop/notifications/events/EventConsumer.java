package dev.stranglerbookshop.notifications.events;

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
 * The two topics the monolith publishes (see {@code proto/asyncapi.yaml}). Records are handled one at a time, in
 * order. A record that can never be handled ({@link EventParser} refuses it, or the database refuses its data: see
 * {@link Failures#permanent}) nacks at once as a {@link PoisonEvent}, and the dead-letter strategy parks it on
 * {@code <topic>.dlq} with the reason; the consumer carries on. Any other failure (the database unreachable, say) is
 * not the record's fault: it is retried with backoff, holding the following records back, for up to
 * {@value #RETRY_BUDGET_MINUTES} minutes before it too is dead-lettered. SMTP trouble never fails a record: the mail
 * is stored and retried on its own.
 * <p>
 * The connector declares a channel dead (liveness DOWN, its Kafka consumer closed) when a record waits longer than
 * {@code throttled.unprocessed-record-max-age.ms} for its ack, 60 s by default: shorter than these retries. So
 * {@code application.properties} sets it above the retry budget plus the last backoff and attempt; lowering one
 * without the other brings that back.
 */
@ApplicationScoped
public class EventConsumer {

    /** How long a record is retried while the failure is not its fault, in minutes; then it is dead-lettered. */
    public static final int RETRY_BUDGET_MINUTES = 10;
    /** The longest wait between two retries, in seconds (the first waits 200 ms, each next twice as long). */
    public static final int MAX_BACKOFF_SECONDS = 30;

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
    @Retry(maxRetries = -1, delay = 200, maxDuration = RETRY_BUDGET_MINUTES, durationUnit = ChronoUnit.MINUTES,
            abortOn = PoisonEvent.class)
    @ExponentialBackoff(maxDelay = MAX_BACKOFF_SECONDS, maxDelayUnit = ChronoUnit.SECONDS)
    public void onUserEvent(ConsumerRecord<String, byte[]> record) {
        handle(record);
    }

    /** Handles one record of {@code bookshop.orders.v1}, as {@link #onUserEvent} does. */
    @Incoming("order-events")
    @Blocking
    @Retry(maxRetries = -1, delay = 200, maxDuration = RETRY_BUDGET_MINUTES, durationUnit = ChronoUnit.MINUTES,
            abortOn = PoisonEvent.class)
    @ExponentialBackoff(maxDelay = MAX_BACKOFF_SECONDS, maxDelayUnit = ChronoUnit.SECONDS)
    public void onOrderEvent(ConsumerRecord<String, byte[]> record) {
        handle(record);
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        NotificationEvent event = EventParser.parse(record);
        Optional<UUID> toSend;
        try {
            toSend = handler.handle(event);
        } catch (RuntimeException e) {
            if (Failures.permanent(e) && !(e instanceof PoisonEvent)) {
                throw new PoisonEvent("this event can never be stored: " + e.getMessage(), e);
            }
            throw e;
        }
        toSend.ifPresent(mail::sendSoon);
    }
}
