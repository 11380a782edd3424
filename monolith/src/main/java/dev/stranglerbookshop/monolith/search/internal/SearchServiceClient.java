package dev.stranglerbookshop.monolith.search.internal;

import dev.stranglerbookshop.monolith.migration.MigrationSettings;
import dev.stranglerbookshop.monolith.shared.Page;
import dev.stranglerbookshop.platform.grpc.ServiceCalls;
import dev.stranglerbookshop.platform.grpc.StatusProblems;
import dev.stranglerbookshop.proto.common.v1.Money;
import dev.stranglerbookshop.proto.search.v1.SearchRequest;
import dev.stranglerbookshop.proto.search.v1.SearchServiceGrpc;
import dev.stranglerbookshop.topology.Capability;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * search-service over gRPC ({@code search.proto}), answering in the module's terms ({@link SearchHit} pages).
 * Deadline, bulkhead and breaker: {@code bookshop.migration.calls.search.*}.
 */
@ApplicationScoped
class SearchServiceClient {

    private final SearchServiceGrpc.SearchServiceBlockingStub stub;
    private final ServiceCalls calls;

    SearchServiceClient(@GrpcClient("search") SearchServiceGrpc.SearchServiceBlockingStub stub,
            MigrationSettings settings, MeterRegistry meters) {
        this.stub = stub;
        this.calls = new ServiceCalls(Capability.SEARCH.service().name(), settings.calls().search(),
                StatusProblems.standard(), meters);
    }

    Page<SearchHit> search(SearchQuery query) {
        SearchRequest.Builder request = SearchRequest.newBuilder().setQuery(query.text()).setPage(query.page())
                .setPageSize(query.size());
        if (query.minPrice() != null) {
            request.setMinPrice(euros(query.minPrice()));
        }
        if (query.maxPrice() != null) {
            request.setMaxPrice(euros(query.maxPrice()));
        }
        if (query.inStock() != null) {
            request.setInStock(query.inStock());
        }
        var response = calls.call(stub, s -> s.search(request.build()));
        return new Page<>(response.getHitsList().stream().map(hit -> new SearchHit(UUID.fromString(hit.getBookId()),
                hit.getIsbn(), hit.getTitle(), hit.getAuthorsList(), hit.getTagsList(),
                new BigDecimal(hit.getPrice().getAmount()), hit.getPrice().getCurrencyCode(), hit.getInStock(),
                hit.getScore())).toList(), query.page(), query.size(), response.getTotal());
    }

    private static Money euros(BigDecimal amount) {
        return Money.newBuilder().setCurrencyCode("EUR").setAmount(amount.toPlainString()).build();
    }
}
