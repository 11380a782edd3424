package dev.stranglerbookshop.monolith.notifications.internal;

import dev.stranglerbookshop.contracts.events.EventHeaders;
import dev.stranglerbookshop.monolith.notifications.NotificationDeliveries;
import dev.stranglerbookshop.platform.strangler.ShadowComparisons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Map;
import java.util.UUID;

/** Keeps each event's delivery decision for the rest of its transaction (JTA resources die with the transaction). */
@ApplicationScoped
class DeliveryDecisions implements NotificationDeliveries {

    private final TransactionSynchronizationRegistry transaction;

    DeliveryDecisions(TransactionSynchronizationRegistry transaction) {
        this.transaction = transaction;
    }

    void monolith(UUID eventId) {
        transaction.putResource(key(eventId), Map.of(EventHeaders.NOTIFICATIONS_ROUTE, "monolith"));
    }

    void service(UUID eventId) {
        transaction.putResource(key(eventId), Map.of(EventHeaders.NOTIFICATIONS_ROUTE, "service"));
    }

    /** The monolith sent this mail; the service renders its own in dry run and compares. */
    void shadow(UUID eventId, String recipient, String subject, String body) {
        transaction.putResource(key(eventId), Map.of(EventHeaders.NOTIFICATIONS_ROUTE, "shadow",
                EventHeaders.EXPECTED_RECIPIENT, recipient,
                EventHeaders.EXPECTED_SUBJECT, subject,
                EventHeaders.EXPECTED_BODY_SHA256, ShadowComparisons.sha256(body)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, String> headersFor(UUID eventId) {
        Object headers = transaction.getResource(key(eventId));
        return headers == null ? Map.of() : (Map<String, String>) headers;
    }

    private static String key(UUID eventId) {
        return "notifications.delivery." + eventId;
    }
}
