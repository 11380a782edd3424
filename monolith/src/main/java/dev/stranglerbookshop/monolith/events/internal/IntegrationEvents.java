package dev.stranglerbookshop.monolith.events.internal;

import com.google.protobuf.Message;
import dev.stranglerbookshop.monolith.accounts.UserRegistered;
import dev.stranglerbookshop.monolith.notifications.NotificationDeliveries;
import dev.stranglerbookshop.monolith.ordering.OrderCancelled;
import dev.stranglerbookshop.monolith.ordering.OrderPlaced;
import dev.stranglerbookshop.monolith.ordering.OrderShipped;
import dev.stranglerbookshop.monolith.outbox.Outbox;
import dev.stranglerbookshop.monolith.outbox.OutgoingEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes the domain events other services consume, through the outbox, inside the transaction that raised them.
 * The observers run after every module's own observers (priority), so the notifications module has made its
 * delivery decision for the event by the time its headers are written.
 */
@ApplicationScoped
class IntegrationEvents {

    static final String USERS = "bookshop.users.v1";
    static final String ORDERS = "bookshop.orders.v1";
    static final int AFTER_MODULES = Interceptor.Priority.APPLICATION + 1000;

    private final Outbox outbox;
    private final NotificationDeliveries deliveries;

    IntegrationEvents(Outbox outbox, NotificationDeliveries deliveries) {
        this.outbox = outbox;
        this.deliveries = deliveries;
    }

    void userRegistered(@Observes @Priority(AFTER_MODULES) UserRegistered event) {
        publish(USERS, event.userId(), event.eventId(), "UserRegistered", () -> EventMessages.of(event));
    }

    void orderPlaced(@Observes @Priority(AFTER_MODULES) OrderPlaced event) {
        publish(ORDERS, event.orderId(), event.eventId(), "OrderPlaced", () -> EventMessages.of(event));
    }

    void orderCancelled(@Observes @Priority(AFTER_MODULES) OrderCancelled event) {
        publish(ORDERS, event.orderId(), event.eventId(), "OrderCancelled", () -> EventMessages.of(event));
    }

    void orderShipped(@Observes @Priority(AFTER_MODULES) OrderShipped event) {
        publish(ORDERS, event.orderId(), event.eventId(), "OrderShipped", () -> EventMessages.of(event));
    }

    private void publish(String topic, UUID aggregateId, UUID eventId, String type,
            java.util.function.Supplier<Message> message) {
        if (!outbox.enabled()) {
            return;
        }
        Map<String, String> headers = new HashMap<>(deliveries.headersFor(eventId));
        headers.put("event-type", type);
        headers.put("event-id", eventId.toString());
        headers.put("schema-version", String.valueOf(EventMessages.SCHEMA_VERSION));
        headers.put("content-type", "application/x-protobuf");
        outbox.append(new OutgoingEvent(eventId, topic, aggregateId.toString(), type, message.get().toByteArray(),
                headers));
    }
}
