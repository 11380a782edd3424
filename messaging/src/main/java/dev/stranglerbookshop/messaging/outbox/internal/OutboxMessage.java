package dev.stranglerbookshop.messaging.outbox.internal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One event waiting in (or already published from, or parked in) the outbox: a row of {@code outbox.messages}. Public
 * so tests and operators' tooling can inspect the table; application code appends through
 * {@link dev.stranglerbookshop.messaging.outbox.Outbox}.
 */
@Entity
@Table(schema = "outbox", name = "messages")
public class OutboxMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long position;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public byte[] payload;

    /** Record headers, including the writer's trace context (traceparent), which the relay continues. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> headers;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** How many times Kafka refused this message for itself (never counting outages). */
    @Column(nullable = false)
    public int attempts;

    /** Set when the relay parked the message after too many refusals; {@link #failure} says why. */
    @Column(name = "failed_at")
    public Instant failedAt;

    public String failure;
}
