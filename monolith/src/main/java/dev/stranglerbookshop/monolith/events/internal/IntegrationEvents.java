package dev.stranglerbookshop.monolith.events.internal;

import com.google.protobuf.Message;
import dev.stranglerbookshop.contracts.events.EventHeaders;
import dev.stranglerbookshop.contracts.events.Topics;
import dev.stranglerbookshop.messaging.outbox.Outbox;
import dev.stranglerbookshop.messaging.outbox.OutgoingEvent;
import dev.stranglerbookshop.monolith.accounts.UserRegistered;
import dev.stranglerbookshop.monolith.catalog.BookChanged;
import dev.stranglerbookshop.monolith.catalog.BookRemoved;
import dev.stranglerbookshop.monolith.catalog.StockChanged;
import dev.stranglerbookshop.monolith.notifications.NotificationDeliveries;
import dev.stranglerbookshop.monolith.ordering.OrderCancelled;
import dev.stranglerbookshop.monolith.ordering.OrderPlaced;
import dev.stranglerbookshop.monolith.ordering.OrderShipped;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes the domain events other services consume, through the outbox, inside the transaction that raised them
 * (wherever events flow: {@link Outbox#enabled()}): users and orders for notification-service, the catalog's books
 * with their versions for copies of the catalog (see {@code proto/bookshop/events/v1/catalog_events.proto}).
 * The observers run after every module's own observers (priority), so the notifications module has made its
 * delivery decision for the event by the time its headers are written.
 */
@ApplicationScoped
class IntegrationEvents {

    static final int AFTER_MODULES = Interceptor.Priority.APPLICATION + 1000;

    private final Outbox outbox;
    private final NotificationDeliveries deliveries;

    IntegrationEvents(Outbox outbox, NotificationDeliveries deliveries) {
        this.outbox = outbox;
        this.deliveries = deliveries;
    }

    void userRegistered(@Observes @Priority(AFTER_MODULES) UserRegistered event) {
        publish(Topics.USERS, event.userId(), event.eventId(), "UserRegistered", () -> EventMessages.of(event));
    }

    void orderPlaced(@Observes @Priority(AFTER_MODULES) OrderPlaced event) {
        publish(Topics.ORDERS, event.orderId(), event.eventId(), "OrderPlaced", () -> EventMessages.of(event));
    }

    void orderCancelled(@Observes @Priority(AFTER_MODULES) OrderCancelled event) {
        publish(Topics.ORDERS, event.orderId(), event.eventId(), "OrderCancelled", () -> EventMessages.of(event));
    }

    void orderShipped(@Observes @Priority(AFTER_MODULES) OrderShipped event) {
        publish(Topics.ORDERS, event.orderId(), event.eventId(), "OrderShipped", () -> EventMessages.of(event));
    }

    // Catalog events: for copies of the catalog (search-service's own index at stage 4), so no notification headers.

    void bookChanged(@Observes @Priority(AFTER_MODULES) BookChanged event) {
        UUID eventId = UUID.randomUUID();
        publish(Topics.CATALOG, event.book().id(), eventId, EventMessages.type(event), Map.of(),
                () -> EventMessages.of(event, eventId, Instant.now()));
    }

    void stockChanged(@Observes @Priority(AFTER_MODULES) StockChanged event) {
        UUID eventId = UUID.randomUUID();
        publish(Topics.CATALOG, event.book().id(), eventId, "StockChanged", Map.of(),
                () -> EventMessages.of(event, eventId, Instant.now()));
    }

    void bookRemoved(@Observes @Priority(AFTER_MODULES) BookRemoved event) {
        UUID eventId = UUID.randomUUID();
        publish(Topics.CATALOG, event.bookId(), eventId, "BookDeleted", Map.of(),
                () -> EventMessages.of(event, eventId, Instant.now()));
    }

    private void publish(String topic, UUID aggregateId, UUID eventId, String type,
            java.util.function.Supplier<Message> message) {
        if (outbox.enabled()) {
            publish(topic, aggregateId, eventId, type, deliveries.headersFor(eventId), message);
        }
    }

    private void publish(String topic, UUID aggregateId, UUID eventId, String type, Map<String, String> extraHeaders,
            java.util.function.Supplier<Message> message) {
        if (!outbox.enabled()) {
            return;
        }
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put(EventHeaders.EVENT_TYPE, type);
        headers.put(EventHeaders.EVENT_ID, eventId.toString());
        headers.put(EventHeaders.SCHEMA_VERSION, String.valueOf(EventMessages.SCHEMA_VERSION));
        headers.put(EventHeaders.CONTENT_TYPE, EventHeaders.PROTOBUF);
        outbox.append(new OutgoingEvent(eventId, topic, aggregateId.toString(), type, message.get().toByteArray(),
                headers));
    }
}
