package dev.stranglerbookshop.search.index;

import dev.stranglerbookshop.platform.grpc.CallerDeadline;
import dev.stranglerbookshop.proto.search.v1.SearchRequest;
import dev.stranglerbookshop.proto.search.v1.SearchResponse;
import dev.stranglerbookshop.proto.search.v1.SearchService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
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

    @Override
    @Blocking
    public Uni<SearchResponse> search(SearchRequest request) {
        BookQuery query = SearchRequests.validate(request);
        caller.ensureStillWanted("search");
        return Uni.createFrom().item(search.search(query));
    }
}
