package dev.stranglerbookshop.search.index;

import dev.stranglerbookshop.proto.common.v1.Money;
import dev.stranglerbookshop.proto.search.v1.SearchHit;
import dev.stranglerbookshop.proto.search.v1.SearchRequest;
import dev.stranglerbookshop.proto.search.v1.SearchResponse;
import dev.stranglerbookshop.proto.search.v1.SearchService;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.util.List;

@GrpcService
public class SearchGrpcService implements SearchService {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private static final String MATCHES = "FROM search.book_documents d, websearch_to_tsquery('english', :q) q "
            + "WHERE d.document @@ q";

    @Inject
    EntityManager em;

    @Override
    @Blocking
    public Uni<SearchResponse> search(SearchRequest request) {
        String query = request.getQuery().strip();
        if (query.isEmpty() || query.length() > 200) {
            throw Status.INVALID_ARGUMENT.withDescription("query must be 1..200 characters").asRuntimeException();
        }
        int size = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
        if (size < 1 || size > MAX_PAGE_SIZE || request.getPage() < 0) {
            throw Status.INVALID_ARGUMENT.withDescription("page must be >= 0 and page_size 1.." + MAX_PAGE_SIZE)
                    .asRuntimeException();
        }
        long total = ((Number) em.createNativeQuery("SELECT count(*) " + MATCHES)
                .setParameter("q", query).getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT d.book_id, d.title, d.authors, d.price, d.stock, "
                        + "ts_rank(d.document, q) AS rank " + MATCHES + " ORDER BY rank DESC, d.title, d.book_id")
                .setParameter("q", query)
                .setFirstResult(request.getPage() * size)
                .setMaxResults(size)
                .getResultList();
        SearchResponse.Builder response = SearchResponse.newBuilder().setTotal(total);
        for (Object[] row : rows) {
            response.addHits(SearchHit.newBuilder()
                    .setBookId(row[0].toString())
                    .setTitle((String) row[1])
                    .addAllAuthors(List.of((String[]) row[2]))
                    .setPrice(Money.newBuilder().setCurrencyCode("EUR").setAmount(((BigDecimal) row[3]).toPlainString()))
                    .setInStock(((Number) row[4]).intValue() > 0)
                    .setRank(((Number) row[5]).doubleValue()));
        }
        return Uni.createFrom().item(response.build());
    }
}
