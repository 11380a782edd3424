package dev.stranglerbookshop.monolith.notifications;

import java.util.Map;
import java.util.UUID;

/**
 * Who notifies the customer about a domain event, decided once, by the strangler router, in the transaction that
 * raised the event. The decision travels with the published event as record headers ({@code notifications-route} and,
 * in shadow, the {@code expected-*} values the service's dry run is compared with; see {@code proto/asyncapi.yaml}),
 * so the monolith and notification-service can never both mail for one event.
 */
public interface NotificationDeliveries {

    /** The headers for this event; empty when it causes no notification. Call within the event's transaction. */
    Map<String, String> headersFor(UUID eventId);
}
