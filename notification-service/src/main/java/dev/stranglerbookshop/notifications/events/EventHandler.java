package dev.stranglerbookshop.notifications.events;

import dev.stranglerbookshop.messaging.inbox.ProcessedEvents;
import dev.stranglerbookshop.notifications.inbox.Notification;
import dev.stranglerbookshop.notifications.mail.MailRenderer;
import dev.stranglerbookshop.notifications.mail.OutgoingMail;
import dev.stranglerbookshop.notifications.mail.RenderedMail;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Acts on one event, once: the processed event id ({@link ProcessedEvents}, the library's idempotent consumer), the
 * inbox entry and the mail to send are written in one transaction, so a redelivered event (relay retry, consumer
 * restart before its offset commit) changes nothing.
 */
@ApplicationScoped
public class EventHandler {

    private final ProcessedEvents processed;
    private final MailRenderer renderer;
    private final MailShadow shadow;
    private final MeterRegistry meters;
    private final Event<Handled> handled;

    EventHandler(ProcessedEvents processed, MailRenderer renderer, MailShadow shadow, MeterRegistry meters,
            Event<Handled> handled) {
        this.processed = processed;
        this.renderer = renderer;
        this.shadow = shadow;
        this.meters = meters;
        this.handled = handled;
    }

    /**
     * Returns the mail to send once this transaction has committed, if any. The event is counted on
     * {@code notifications_events_total} (by type and route, or route {@code duplicate}) only once the transaction has
     * committed, so an attempt that rolls back and is retried counts once.
     */
    @Transactional
    public Optional<UUID> handle(NotificationEvent event) {
        if (!processed.firstTime(event.eventId())) {
            countOnCommit(event, "duplicate");
            return Optional.empty();
        }
        countOnCommit(event, event.route().name().toLowerCase(Locale.ROOT));
        if (!event.notifies() || event.route() == NotificationEvent.Route.MONOLITH) {
            return Optional.empty(); // nothing to say, or the monolith already said it
        }
        RenderedMail mail = renderer.render(event);
        if (event.route() == NotificationEvent.Route.SHADOW) {
            shadow.compare(event, mail);
            return Optional.empty(); // dry run: the monolith sent it
        }
        // Dated when it happened, not when it was processed: the inbox tells the story in its real order.
        Notification.record(event.eventId(), event.userId(), event.kind(), mail,
                event.occurredAt().truncatedTo(ChronoUnit.MICROS));
        return Optional.of(OutgoingMail.pending(event.eventId(), mail).id);
    }

    private void countOnCommit(NotificationEvent event, String route) {
        handled.fire(new Handled(event.type(), route));
    }

    /** A CDI transactional observer: called only if, and once, the transaction that handled the event commits. */
    void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) Handled event) {
        meters.counter("notifications.events", "type", event.type(), "route", event.route()).increment();
    }

    /** An event handled, by its {@code event-type} header and route ({@code duplicate} for a redelivery). */
    record Handled(String type, String route) {
    }
}
