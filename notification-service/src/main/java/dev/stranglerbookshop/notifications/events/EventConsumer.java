package dev.stranglerbookshop.notifications.events;

import dev.stranglerbookshop.notifications.mail.MailDispatcher;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.temporal.ChronoUnit;

/**
 * The two topics the monolith publishes (see {@code proto/asyncapi.yaml}). Records are handled one at a time, in
 * order. A {@link PoisonEvent} nacks the record at once, and the dead-letter strategy parks it on
 * {@code <topic>.dlq} with the reason; the consumer carries on. Any other failure (the database unreachable, say) is
 * not the record's fault: it is retried with backoff, holding the following records back, for up to ten minutes
 * before it too is dead-lettered. SMTP trouble never fails a record: the mail is stored and retried on its own.
 */
@ApplicationScoped
public class EventConsumer {

    private final EventHandler handler;
    private final MailDispatcher mail;

    EventConsumer(EventHandler handler, MailDispatcher mail) {
        this.handler = handler;
        this.mail = mail;
    }

    @Incoming("user-events")
    @Blocking
    @Retry(maxRetries = -1, delay = 200, maxDuration = 10, durationUnit = ChronoUnit.MINUTES, abortOn = PoisonEvent.class)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void onUserEvent(ConsumerRecord<String, byte[]> record) {
        handle(record);
    }

    @Incoming("order-events")
    @Blocking
    @Retry(maxRetries = -1, delay = 200, maxDuration = 10, durationUnit = ChronoUnit.MINUTES, abortOn = PoisonEvent.class)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void onOrderEvent(ConsumerRecord<String, byte[]> record) {
        handle(record);
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        handler.handle(EventParser.parse(record)).ifPresent(mail::sendSoon);
    }
}
