package dev.stranglerbookshop.search.index;

import dev.stranglerbookshop.platform.grpc.CallerDeadline;
import dev.stranglerbookshop.proto.search.v1.SearchRequest;
import dev.stranglerbookshop.proto.search.v1.SearchResponse;
import dev.stranglerbookshop.proto.search.v1.SearchService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/** The {@code bookshop.search.v1.SearchService} contract; rules and error codes as documented in search.proto. */
@GrpcService
public class SearchGrpcService implements SearchService {

    private final FullTextSearch search;
    private final CallerDeadline caller;

    SearchGrpcService(FullTextSearch search, CallerDeadline caller) {
        this.search = search;
        this.caller = caller;
    }

    /** Validates on the event loop (cheap, and a refusal costs no worker); the SQL runs on a worker thread. */
    @Override
    public Uni<SearchResponse> search(SearchRequest request) {
        BookQuery query = SearchRequests.validate(request);
        return caller.offload("search", () -> search.search(query));
    }
}
