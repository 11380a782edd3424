package dev.stranglerbookshop.monolith.events.internal;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.stranglerbookshop.monolith.accounts.UserRegistered;
import dev.stranglerbookshop.monolith.catalog.BookChanged;
import dev.stranglerbookshop.monolith.catalog.BookContract;
import dev.stranglerbookshop.monolith.catalog.BookRemoved;
import dev.stranglerbookshop.monolith.catalog.StockChanged;
import dev.stranglerbookshop.monolith.ordering.OrderCancelled;
import dev.stranglerbookshop.monolith.ordering.OrderLine;
import dev.stranglerbookshop.monolith.ordering.OrderPlaced;
import dev.stranglerbookshop.monolith.ordering.OrderShipped;
import dev.stranglerbookshop.proto.catalog.v1.Book;
import dev.stranglerbookshop.proto.common.v1.Money;
import dev.stranglerbookshop.proto.events.v1.EventMetadata;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The published language: the monolith's in-process domain events as the versioned protobuf messages of
 * {@code proto/bookshop/events/v1}. Modules keep their own event records; only this class knows both shapes.
 */
final class EventMessages {

    static final int SCHEMA_VERSION = 1;

    private EventMessages() {
    }

    static dev.stranglerbookshop.proto.events.v1.UserRegistered of(UserRegistered event) {
        return dev.stranglerbookshop.proto.events.v1.UserRegistered.newBuilder()
                .setMetadata(metadata(event.eventId(), "UserRegistered", event.occurredAt(), event.userId()))
                .setUserId(event.userId().toString())
                .setEmail(event.email())
                .setDisplayName(event.displayName())
                .build();
    }

    static dev.stranglerbookshop.proto.events.v1.OrderPlaced of(OrderPlaced event) {
        var message = dev.stranglerbookshop.proto.events.v1.OrderPlaced.newBuilder()
                .setMetadata(metadata(event.eventId(), "OrderPlaced", event.occurredAt(), event.orderId()))
                .setOrderId(event.orderId().toString())
                .setCustomerId(event.customerId().toString())
                .setCustomerEmail(event.customerEmail())
                .setTotal(euros(event.total()));
        for (OrderLine line : event.lines()) {
            message.addLines(dev.stranglerbookshop.proto.events.v1.OrderLine.newBuilder()
                    .setBookId(line.bookId().toString())
                    .setTitle(line.title())
                    .setQuantity(line.quantity())
                    .setUnitPrice(euros(line.unitPrice())));
        }
        return message.build();
    }

    static dev.stranglerbookshop.proto.events.v1.OrderCancelled of(OrderCancelled event) {
        return dev.stranglerbookshop.proto.events.v1.OrderCancelled.newBuilder()
                .setMetadata(metadata(event.eventId(), "OrderCancelled", event.occurredAt(), event.orderId()))
                .setOrderId(event.orderId().toString())
                .setCustomerId(event.customerId().toString())
                .setCustomerEmail(event.customerEmail())
                .build();
    }

    static dev.stranglerbookshop.proto.events.v1.OrderShipped of(OrderShipped event) {
        return dev.stranglerbookshop.proto.events.v1.OrderShipped.newBuilder()
                .setMetadata(metadata(event.eventId(), "OrderShipped", event.occurredAt(), event.orderId()))
                .setOrderId(event.orderId().toString())
                .setCustomerId(event.customerId().toString())
                .setCustomerEmail(event.customerEmail())
                .build();
    }

    /** {@code BookCreated} or {@code BookUpdated}, as the change says: the book's whole state and its version. */
    static Message of(BookChanged event, UUID eventId, Instant occurredAt) {
        String type = type(event);
        EventMetadata metadata = metadata(eventId, type, occurredAt, event.book().id());
        Book book = BookContract.of(event.book(), event.version());
        return event.created()
                ? dev.stranglerbookshop.proto.events.v1.BookCreated.newBuilder().setMetadata(metadata).setBook(book)
                        .build()
                : dev.stranglerbookshop.proto.events.v1.BookUpdated.newBuilder().setMetadata(metadata).setBook(book)
                        .build();
    }

    static String type(BookChanged event) {
        return event.created() ? "BookCreated" : "BookUpdated";
    }

    static dev.stranglerbookshop.proto.events.v1.StockChanged of(StockChanged event, UUID eventId, Instant occurredAt) {
        return dev.stranglerbookshop.proto.events.v1.StockChanged.newBuilder()
                .setMetadata(metadata(eventId, "StockChanged", occurredAt, event.book().id()))
                .setBook(BookContract.of(event.book(), event.version()))
                .build();
    }

    static dev.stranglerbookshop.proto.events.v1.BookDeleted of(BookRemoved event, UUID eventId, Instant occurredAt) {
        return dev.stranglerbookshop.proto.events.v1.BookDeleted.newBuilder()
                .setMetadata(metadata(eventId, "BookDeleted", occurredAt, event.bookId()))
                .setBookId(event.bookId().toString())
                .setVersion(event.version())
                .build();
    }

    private static EventMetadata metadata(UUID eventId, String type, Instant occurredAt, UUID aggregateId) {
        return EventMetadata.newBuilder()
                .setEventId(eventId.toString())
                .setEventType(type)
                .setSchemaVersion(SCHEMA_VERSION)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(occurredAt.getEpochSecond())
                        .setNanos(occurredAt.getNano()))
                .setAggregateId(aggregateId.toString())
                .build();
    }

    /** Prices are EUR with two decimals in the catalog; toPlainString keeps "12.50" exactly as the mails show it. */
    private static Money euros(BigDecimal amount) {
        return Money.newBuilder().setCurrencyCode("EUR").setAmount(amount.toPlainString()).build();
    }
}
