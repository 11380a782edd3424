package dev.stranglerbookshop.search.copy;

import dev.stranglerbookshop.messaging.inbox.PoisonEvent;
import dev.stranglerbookshop.proto.catalog.v1.Book;
import dev.stranglerbookshop.proto.events.v1.BookDeleted;
import dev.stranglerbookshop.proto.events.v1.StockChanged;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Reading catalog records: the contract's shapes are read, anything else is poison and nothing else escapes. */
class CatalogChangeTest {

    @Test
    void readsAStockChangeAndADeletionWithTheirVersionsAndCommitTimes() {
        UUID id = UUID.randomUUID();
        Book book = CatalogStandIn.book(id, "Read Me", 4);
        var metadata = CatalogStandIn.metadata("StockChanged", id.toString()).toBuilder()
                .setOccurredAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(5)).build();
        CatalogChange upsert = CatalogChange.of(record("StockChanged", id.toString(), StockChanged.newBuilder()
                .setMetadata(metadata).setBook(book).build().toByteArray()));
        assertThat(upsert).isInstanceOf(CatalogChange.Upsert.class);
        assertThat(upsert.version()).isEqualTo(4);
        assertThat(upsert.occurredAt()).isEqualTo(java.time.Instant.ofEpochSecond(1_700_000_000, 5));
        // Without occurred_at: the record's own timestamp (the lag then counts from the publish).
        ConsumerRecord<String, byte[]> untimed = new ConsumerRecord<>("bookshop.catalog.v1", 0, 0, 1_600_000_000_000L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, id.toString(), StockChanged.newBuilder()
                .setMetadata(metadata.toBuilder().clearOccurredAt()).setBook(book).build().toByteArray(),
                new RecordHeaders(), java.util.Optional.empty());
        untimed.headers().add("event-type", "StockChanged".getBytes(StandardCharsets.UTF_8));
        assertThat(CatalogChange.of(untimed).occurredAt()).isEqualTo(java.time.Instant.ofEpochMilli(1_600_000_000_000L));

        CatalogChange removal = CatalogChange.of(record("BookDeleted", id.toString(), BookDeleted.newBuilder()
                .setMetadata(CatalogStandIn.metadata("BookDeleted", id.toString())).setBookId(id.toString())
                .setVersion(5).build().toByteArray()));
        assertThat(removal).isEqualTo(new CatalogChange.Removal(id.toString(), 5, removal.occurredAt()));
    }

    @Test
    void aRecordWithoutMetadataOrWithAnotherKeyIsPoison() {
        UUID id = UUID.randomUUID();
        byte[] bare = StockChanged.newBuilder().setBook(CatalogStandIn.book(id, "Bare", 1)).build().toByteArray();
        assertThatThrownBy(() -> CatalogChange.of(record("StockChanged", id.toString(), bare)))
                .isInstanceOf(PoisonEvent.class).hasMessage("no metadata");
        byte[] whole = StockChanged.newBuilder().setMetadata(CatalogStandIn.metadata("StockChanged", id.toString()))
                .setBook(CatalogStandIn.book(id, "Keyed", 1)).build().toByteArray();
        assertThatThrownBy(() -> CatalogChange.of(record("StockChanged", null, whole)))
                .isInstanceOf(PoisonEvent.class).hasMessageContaining("is not the book id");
    }

    @Property(tries = 500)
    void anyBytesUnderAnyTypeAreReadOrRefusedAsPoisonNeverAnythingElse(@ForAll("types") String type,
            @ForAll("values") byte[] value) {
        Throwable thrown = catchThrowable(() -> CatalogChange.of(record(type, UUID.randomUUID().toString(), value)));
        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(PoisonEvent.class));
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.oneOf(Arbitraries.of("BookCreated", "BookUpdated", "StockChanged", "BookDeleted",
                "OrderPlaced"), Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<byte[]> values() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    }

    private static ConsumerRecord<String, byte[]> record(String type, String key, byte[] value) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("bookshop.catalog.v1", 0, 0, key, value);
        RecordHeaders headers = (RecordHeaders) record.headers();
        headers.add("event-type", type.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
