package dev.stranglerbookshop.monolith.notifications.internal;

import dev.stranglerbookshop.monolith.accounts.UserRegistered;
import dev.stranglerbookshop.monolith.migration.Side;
import dev.stranglerbookshop.monolith.migration.StranglerRouter;
import dev.stranglerbookshop.monolith.ordering.OrderPlaced;
import dev.stranglerbookshop.monolith.ordering.OrderShipped;
import dev.stranglerbookshop.topology.Capability;
import io.quarkus.qute.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * The in-process notifications: observes domain events inside the transaction that raised them, so the inbox row
 * commits (or rolls back) with the registration or order, and asks for the mail to go out after the commit. From
 * stage 2 the router decides per event (keyed by user) who notifies: this module ({@code monolith}, also in
 * {@code shadow}) or notification-service ({@code service}, then nothing happens here); the decision travels with
 * the published event.
 */
@ApplicationScoped
public class Notifier {

    private final Engine templates;
    private final Event<MailRequested> mail;
    private final StranglerRouter router;
    private final DeliveryDecisions decisions;

    Notifier(Engine templates, Event<MailRequested> mail, StranglerRouter router, DeliveryDecisions decisions) {
        this.templates = templates;
        this.mail = mail;
        this.router = router;
        this.decisions = decisions;
    }

    void welcome(@Observes UserRegistered event) {
        notify(event.eventId(), event.userId(), event.email(), NotificationKind.WELCOME,
                "Welcome to the Strangler Bookshop", Map.of("name", event.displayName()));
    }

    void orderPlaced(@Observes OrderPlaced event) {
        notify(event.eventId(), event.customerId(), event.customerEmail(), NotificationKind.ORDER_PLACED,
                "Your order " + shortId(event.orderId()) + " is confirmed",
                Map.of("orderId", event.orderId(), "lines", event.lines().stream()
                        .map(l -> l.quantity() + " x " + l.title() + " at " + l.unitPrice() + " EUR").toList(),
                        "total", event.total().toPlainString()));
    }

    void orderShipped(@Observes OrderShipped event) {
        notify(event.eventId(), event.customerId(), event.customerEmail(), NotificationKind.ORDER_SHIPPED,
                "Your order " + shortId(event.orderId()) + " has shipped", Map.of("orderId", event.orderId()));
    }

    private void notify(UUID eventId, UUID userId, String email, NotificationKind kind, String subject,
            Map<String, Object> data) {
        // Not a request/response call, so not the seam's runner: the decision travels with the published event.
        // Before events flow (stage 2) the route cannot leave the monolith: the router refuses it.
        Side side = router.decide(Capability.NOTIFICATIONS, userId.toString()).side();
        if (side == Side.SERVICE) {
            decisions.service(eventId);
            return;
        }
        var template = templates.getTemplate("mail/" + kind.template);
        var instance = template.instance();
        data.forEach(instance::data);
        String body = instance.render();

        Notification notification = new Notification();
        notification.id = UUID.randomUUID();
        notification.userId = userId;
        notification.eventId = eventId;
        notification.kind = kind;
        notification.subject = subject;
        notification.body = body;
        notification.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        notification.persist();
        mail.fire(new MailRequested(email, subject, body));
        if (side == Side.SHADOW) {
            decisions.shadow(eventId, email, subject, body);
        } else {
            decisions.monolith(eventId);
        }
    }

    private static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }
}
