package dev.stranglerbookshop.notifications.inbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** An event id this service has handled; the table is the consumer's idempotency record. */
@Entity
@Table(schema = "notifications", name = "processed_events")
public class ProcessedEvent extends PanacheEntityBase {

    @Id
    @jakarta.persistence.Column(name = "event_id")
    public UUID eventId;

    static boolean seen(UUID eventId) {
        return findById(eventId) != null;
    }

    static void remember(UUID eventId) {
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventId = eventId;
        processed.persist();
    }
}
