package dev.stranglerbookshop.search.copy;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.stranglerbookshop.contracts.events.EventHeaders;
import dev.stranglerbookshop.messaging.inbox.EventRecords;
import dev.stranglerbookshop.messaging.inbox.PoisonEvent;
import dev.stranglerbookshop.proto.catalog.v1.Book;
import dev.stranglerbookshop.proto.events.v1.BookCreated;
import dev.stranglerbookshop.proto.events.v1.BookDeleted;
import dev.stranglerbookshop.proto.events.v1.BookUpdated;
import dev.stranglerbookshop.proto.events.v1.EventMetadata;
import dev.stranglerbookshop.proto.events.v1.StockChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;

/**
 * One record of {@code bookshop.catalog.v1} as the copy applies it: a book's whole state, or its deletion
 * ({@code proto/bookshop/events/v1/catalog_events.proto}, {@code proto/asyncapi.yaml}).
 */
public sealed interface CatalogChange {

    /** The largest value read, in bytes: Kafka's default {@code message.max.bytes} (1 MiB). */
    int MAX_VALUE_BYTES = 1 << 20;

    /** The book's id (a UUID as text, checked by {@link CatalogCopy}). */
    String bookId();

    /** The book's version after the change, ≥ 0 (checked by {@link CatalogCopy}). */
    long version();

    /**
     * When the change was committed in the catalog ({@code metadata.occurred_at}; the record's own timestamp when the
     * metadata has none); the index lag counts from it.
     */
    Instant occurredAt();

    /** BookCreated, BookUpdated or StockChanged: the whole book after the change. */
    record Upsert(Book book, Instant occurredAt) implements CatalogChange {
        @Override
        public String bookId() {
            return book.getId();
        }

        @Override
        public long version() {
            return book.getVersion();
        }
    }

    /** BookDeleted. */
    record Removal(String bookId, long version, Instant occurredAt) implements CatalogChange {
    }

    /**
     * @param record as the connector delivers it: any key, headers and value, a tombstone included
     * @return the change; never null
     * @throws PoisonEvent for anything that is not a catalog event of the contract (no or duplicated
     *         {@code event-type}, an unknown type, no, empty or oversized value, bytes that are not the named message,
     *         no metadata, a record key other than the book's id, which would break the per-book order), and never
     *         any other exception: the result depends only on the record's bytes
     */
    static CatalogChange of(ConsumerRecord<String, byte[]> record) {
        return EventRecords.read(record, CatalogChange::read);
    }

    private static CatalogChange read(ConsumerRecord<String, byte[]> record) {
        String type = EventRecords.header(record, EventHeaders.EVENT_TYPE);
        if (type == null) {
            throw new PoisonEvent("no event-type header");
        }
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            throw new PoisonEvent("no value: every " + type + " has metadata");
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new PoisonEvent("value of " + value.length + " bytes, over the " + MAX_VALUE_BYTES + " allowed");
        }
        CatalogChange change;
        try {
            change = switch (type) {
                case "BookCreated" -> {
                    BookCreated e = BookCreated.parseFrom(value);
                    yield new Upsert(e.getBook(), occurredAt(record, e.hasMetadata(), e.getMetadata()));
                }
                case "BookUpdated" -> {
                    BookUpdated e = BookUpdated.parseFrom(value);
                    yield new Upsert(e.getBook(), occurredAt(record, e.hasMetadata(), e.getMetadata()));
                }
                case "StockChanged" -> {
                    StockChanged e = StockChanged.parseFrom(value);
                    yield new Upsert(e.getBook(), occurredAt(record, e.hasMetadata(), e.getMetadata()));
                }
                case "BookDeleted" -> {
                    BookDeleted e = BookDeleted.parseFrom(value);
                    yield new Removal(e.getBookId(), e.getVersion(), occurredAt(record, e.hasMetadata(), e.getMetadata()));
                }
                default -> throw new PoisonEvent("unknown event-type '" + type + "'");
            };
        } catch (InvalidProtocolBufferException e) {
            throw new PoisonEvent("value is not a " + type + " message: " + e.getMessage(), e);
        }
        if (!change.bookId().equals(record.key())) {
            throw new PoisonEvent("record key '" + record.key() + "' is not the book id '" + change.bookId()
                    + "' (one book's events must share a partition to stay in order)");
        }
        return change;
    }

    private static Instant occurredAt(ConsumerRecord<String, byte[]> record, boolean present, EventMetadata metadata) {
        if (!present) {
            throw new PoisonEvent("no metadata");
        }
        if (!metadata.hasOccurredAt()) {
            return Instant.ofEpochMilli(record.timestamp());
        }
        try {
            return Instant.ofEpochSecond(metadata.getOccurredAt().getSeconds(), metadata.getOccurredAt().getNanos());
        } catch (RuntimeException e) {
            throw new PoisonEvent("metadata.occurred_at is out of range", e);
        }
    }
}
