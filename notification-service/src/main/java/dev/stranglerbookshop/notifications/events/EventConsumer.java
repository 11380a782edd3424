package dev.stranglerbookshop.notifications.events;

import dev.stranglerbookshop.notifications.mail.MailDispatcher;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The two topics the monolith publishes (see {@code proto/asyncapi.yaml}). Records are handled one at a time per
 * partition, in order. A {@link PoisonEvent} (or any failure) nacks the record, which the dead-letter strategy parks
 * on {@code <topic>.dlq} with the reason; the consumer carries on with the next record. SMTP trouble never fails a
 * record: the mail is stored and retried on its own.
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
    public void onUserEvent(ConsumerRecord<String, byte[]> record) {
        handle(record);
    }

    @Incoming("order-events")
    @Blocking
    public void onOrderEvent(ConsumerRecord<String, byte[]> record) {
        handle(record);
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        handler.handle(EventParser.parse(record)).ifPresent(mail::sendSoon);
    }
}
