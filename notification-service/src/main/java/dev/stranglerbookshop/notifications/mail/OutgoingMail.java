package dev.stranglerbookshop.notifications.mail;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One mail on its way to the SMTP server: PENDING until sent, PARKED after the last failed attempt. */
@Entity
@Table(schema = "notifications", name = "outgoing_mails")
public class OutgoingMail extends PanacheEntityBase {

    public enum Status { PENDING, SENT, PARKED }

    @Id
    public UUID id;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(nullable = false)
    public String recipient;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    public static OutgoingMail pending(UUID eventId, RenderedMail mail) {
        OutgoingMail outgoing = new OutgoingMail();
        outgoing.id = UUID.randomUUID();
        outgoing.eventId = eventId;
        outgoing.recipient = mail.recipient();
        outgoing.subject = mail.subject();
        outgoing.body = mail.body();
        outgoing.status = Status.PENDING;
        outgoing.createdAt = Instant.now();
        outgoing.nextAttemptAt = outgoing.createdAt;
        outgoing.persist();
        return outgoing;
    }
}
