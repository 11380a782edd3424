package dev.stranglerbookshop.notifications.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a consumed event asks of this service, once parsed and validated: who to notify, with which template and
 * data. {@code kind} is null for an event that notifies nobody (OrderCancelled: the monolith sends nothing for it).
 */
public record NotificationEvent(UUID eventId, Instant occurredAt, String type, Route route, Expected expected,
        UUID userId, String recipient, String kind, String subject, Map<String, Object> data) {

    /** Who notifies for this event, decided by the monolith (record header {@code notifications-route}). */
    public enum Route { MONOLITH, SHADOW, SERVICE }

    /** Shadow only: what the monolith sent, for the comparison. */
    public record Expected(String recipient, String subject, String bodySha256) {
    }

    public boolean notifies() {
        return kind != null;
    }
}
