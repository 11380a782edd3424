package dev.stranglerbookshop.search.copy;

import com.google.protobuf.Timestamp;
import dev.stranglerbookshop.contracts.events.EventHeaders;
import dev.stranglerbookshop.contracts.events.Topics;
import dev.stranglerbookshop.proto.catalog.v1.Book;
import dev.stranglerbookshop.proto.catalog.v1.CatalogServiceGrpc;
import dev.stranglerbookshop.proto.catalog.v1.GetBookRequest;
import dev.stranglerbookshop.proto.catalog.v1.ListBooksRequest;
import dev.stranglerbookshop.proto.catalog.v1.ListBooksResponse;
import dev.stranglerbookshop.proto.common.v1.Money;
import dev.stranglerbookshop.proto.events.v1.BookCreated;
import dev.stranglerbookshop.proto.events.v1.BookDeleted;
import dev.stranglerbookshop.proto.events.v1.BookUpdated;
import dev.stranglerbookshop.proto.events.v1.EventMetadata;
import dev.stranglerbookshop.proto.events.v1.StockChanged;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The monolith's catalog as search-service sees it at stage 4, stood in on this test app's own gRPC server (in test
 * mode the {@code catalog} client calls it): {@code ListBooks} in keyset pages by id as the monolith's, {@code GetBook},
 * and every change published to the real Kafka broker as the monolith's outbox relay publishes it (catalog_events.proto:
 * whole book, per-book version, key = book id). The real monolith's side of the contract is its own
 * {@code CatalogEventsTest} and {@code CatalogGrpcServiceTest}.
 */
@GrpcService
@Singleton
public class CatalogStandIn extends CatalogServiceGrpc.CatalogServiceImplBase {

    private final NavigableMap<String, Book> books = new ConcurrentSkipListMap<>();
    private final AtomicInteger pagesUntilOutage = new AtomicInteger(Integer.MAX_VALUE);
    private KafkaProducer<String, byte[]> producer;

    @Override
    public void listBooks(ListBooksRequest request, StreamObserver<ListBooksResponse> answer) {
        if (pagesUntilOutage.getAndDecrement() <= 0) {
            answer.onError(Status.UNAVAILABLE.withDescription("the catalog is down (test)").asRuntimeException());
            return;
        }
        int size = request.getPageSize() == 0 ? 500 : request.getPageSize();
        NavigableMap<String, Book> rest = request.getPageToken().isEmpty() ? books
                : books.tailMap(request.getPageToken(), false);
        ListBooksResponse.Builder page = ListBooksResponse.newBuilder();
        for (Book book : rest.values()) {
            if (page.getBooksCount() == size) {
                page.setNextPageToken(page.getBooks(size - 1).getId());
                break;
            }
            page.addBooks(book);
        }
        answer.onNext(page.build());
        answer.onCompleted();
    }

    @Override
    public void getBook(GetBookRequest request, StreamObserver<Book> answer) {
        Book book = books.get(request.getBookId());
        if (book == null) {
            answer.onError(Status.NOT_FOUND.withDescription("no book " + request.getBookId()).asRuntimeException());
        } else {
            answer.onNext(book);
            answer.onCompleted();
        }
    }

    /** The next {@code pages} ListBooks calls answer; every one after fails UNAVAILABLE until this is called again. */
    void failAfterPages(int pages) {
        pagesUntilOutage.set(pages);
    }

    /** Forgets every book (without events) and ends any outage. */
    void reset() {
        books.clear();
        pagesUntilOutage.set(Integer.MAX_VALUE);
    }

    /** A book that was in the catalog before events flowed (stage 3 data): no event. */
    Book existing(String title) {
        Book book = book(UUID.randomUUID(), title, 0);
        books.put(book.getId(), book);
        return book;
    }

    Book create(String title) {
        Book book = book(UUID.randomUUID(), title, 0);
        books.put(book.getId(), book);
        publish("BookCreated", book.getId(), BookCreated.newBuilder().setMetadata(metadata("BookCreated", book.getId()))
                .setBook(book).build().toByteArray());
        return book;
    }

    /** An edit (title, tags...) or, with {@code stock}, a stock movement; the version goes up by one. */
    Book change(String id, boolean stock, UnaryOperator<Book.Builder> edit) {
        Book after = books.computeIfPresent(id, (key, book) ->
                edit.apply(book.toBuilder()).setVersion(book.getVersion() + 1).build());
        if (after == null) {
            return null;
        }
        String type = stock ? "StockChanged" : "BookUpdated";
        byte[] value = stock
                ? StockChanged.newBuilder().setMetadata(metadata(type, id)).setBook(after).build().toByteArray()
                : BookUpdated.newBuilder().setMetadata(metadata(type, id)).setBook(after).build().toByteArray();
        publish(type, id, value);
        return after;
    }

    void delete(String id) {
        Book gone = books.remove(id);
        if (gone != null) {
            publish("BookDeleted", id, BookDeleted.newBuilder().setMetadata(metadata("BookDeleted", id)).setBookId(id)
                    .setVersion(gone.getVersion() + 1).build().toByteArray());
        }
    }

    List<Book> all() {
        return List.copyOf(books.values());
    }

    /** Sends a record as the relay would, or any shape a test wants (a poison record). */
    synchronized void publish(String type, String key, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        if (type != null) {
            headers.add(EventHeaders.EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
        }
        headers.add(EventHeaders.SCHEMA_VERSION, "1".getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(new ProducerRecord<>(Topics.CATALOG, null, key, value, headers)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + type + ": " + e, e);
        }
    }

    static Book book(UUID id, String title, long version) {
        return Book.newBuilder().setId(id.toString()).setIsbn("9780000000002").setTitle(title)
                .addAuthors("Ann Author").setDescription("A book about " + title).addTags("fiction")
                .setPrice(Money.newBuilder().setCurrencyCode("EUR").setAmount("12.50")).setStock(3)
                .setVersion(version).build();
    }

    static EventMetadata metadata(String type, String bookId) {
        Instant now = Instant.now();
        return EventMetadata.newBuilder().setEventId(UUID.randomUUID().toString()).setEventType(type)
                .setSchemaVersion(1).setAggregateId(bookId)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano())).build();
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig()
                            .getValue("kafka.bootstrap.servers", String.class),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
