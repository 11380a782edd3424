package dev.stranglerbookshop.monolith.catalog.internal;

import dev.stranglerbookshop.proto.catalog.v1.CatalogService;
import dev.stranglerbookshop.proto.catalog.v1.GetBookRequest;
import dev.stranglerbookshop.proto.common.v1.Money;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

import java.util.UUID;

/** The catalog's internal contract for extracted services (search backfill from stage 4). */
@GrpcService
public class CatalogGrpcService implements CatalogService {

    @Override
    @Blocking
    public Uni<dev.stranglerbookshop.proto.catalog.v1.Book> getBook(GetBookRequest request) {
        UUID id;
        try {
            id = UUID.fromString(request.getBookId());
        } catch (IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT.withDescription("book_id must be a UUID").asRuntimeException();
        }
        Book book = Book.findById(id);
        if (book == null) {
            throw Status.NOT_FOUND.withDescription("No book " + id).asRuntimeException();
        }
        return Uni.createFrom().item(dev.stranglerbookshop.proto.catalog.v1.Book.newBuilder()
                .setId(book.id.toString())
                .setIsbn(book.isbn)
                .setTitle(book.title)
                .addAllAuthors(book.authors)
                .setDescription(book.description)
                .addAllTags(book.tags)
                .setPrice(Money.newBuilder().setCurrencyCode("EUR").setAmount(book.price.toPlainString()))
                .setStock(book.stock)
                .build());
    }
}
