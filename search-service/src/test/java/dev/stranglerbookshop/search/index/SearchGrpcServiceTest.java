package dev.stranglerbookshop.search.index;

import dev.stranglerbookshop.proto.search.v1.SearchHit;
import dev.stranglerbookshop.proto.search.v1.SearchRequest;
import dev.stranglerbookshop.proto.search.v1.SearchResponse;
import dev.stranglerbookshop.proto.search.v1.SearchService;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class SearchGrpcServiceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @GrpcClient("search")
    SearchService search;

    @BeforeEach
    void index() {
        QuarkusTransaction.requiringNew().run(() -> {
            BookDocument.deleteAll();
            document("Whales of the Deep", List.of("Ann Marine"), "ocean, biology", 0);
            document("Moby-Dick", List.of("Herman Melville"), "whale novel classic", 2);
            document("Kitchen Confidential", List.of("Anthony Bourdain"), "cooking memoir", 5);
        });
    }

    @Test
    void ranksTitleMatchesAboveTagMatchesAndReportsStock() {
        SearchResponse response = search.search(SearchRequest.newBuilder().setQuery("whale").build()).await().atMost(DEADLINE);

        assertThat(response.getTotal()).isEqualTo(2);
        assertThat(response.getHitsList()).extracting(SearchHit::getTitle).containsExactly("Whales of the Deep", "Moby-Dick");
        assertThat(response.getHits(0).getInStock()).isFalse();
        assertThat(response.getHits(1).getAuthorsList()).containsExactly("Herman Melville");
        assertThat(response.getHits(0).getRank()).isGreaterThan(response.getHits(1).getRank());
    }

    @Test
    void paginatesWithTheTotalOfAllMatches() {
        SearchResponse page = search.search(SearchRequest.newBuilder().setQuery("whale").setPage(1).setPageSize(1).build())
                .await().atMost(DEADLINE);
        assertThat(page.getTotal()).isEqualTo(2);
        assertThat(page.getHitsList()).extracting(SearchHit::getTitle).containsExactly("Moby-Dick");
    }

    @Test
    void rejectsEmptyQueriesAndHugePages() {
        assertInvalid(SearchRequest.newBuilder().setQuery("  ").build());
        assertInvalid(SearchRequest.newBuilder().setQuery("whale").setPageSize(10_000).build());
    }

    private void assertInvalid(SearchRequest request) {
        assertThatThrownBy(() -> search.search(request).await().atMost(DEADLINE))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    private static void document(String title, List<String> authors, String tags, int stock) {
        BookDocument d = new BookDocument();
        d.bookId = UUID.randomUUID();
        d.title = title;
        d.authors = authors;
        d.tags = List.of(tags.split(" "));
        d.price = new BigDecimal("9.99");
        d.stock = stock;
        d.persist();
    }
}
