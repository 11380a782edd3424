package dev.stranglerbookshop.notifications.inbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import dev.stranglerbookshop.notifications.mail.RenderedMail;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(schema = "notifications", name = "inbox")
public class Notification extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "source_event_id", nullable = false, unique = true)
    public UUID sourceEventId;

    /** The inbox entry for an event this service notifies about: the same text as the mail. */
    public static Notification record(UUID eventId, UUID userId, String kind, RenderedMail mail, Instant at) {
        Notification notification = new Notification();
        notification.id = UUID.randomUUID();
        notification.userId = userId;
        notification.kind = kind;
        notification.subject = mail.subject();
        notification.body = mail.body();
        notification.createdAt = at;
        notification.sourceEventId = eventId;
        notification.persist();
        return notification;
    }
}
