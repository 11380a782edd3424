package dev.stranglerbookshop.search.index;

import dev.stranglerbookshop.proto.common.v1.Money;
import dev.stranglerbookshop.proto.search.v1.SearchHit;
import dev.stranglerbookshop.proto.search.v1.SearchRequest;
import dev.stranglerbookshop.proto.search.v1.SearchResponse;
import dev.stranglerbookshop.proto.search.v1.SearchService;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** search.proto's Search over real gRPC and a real PostgreSQL index (this service's own database in tests). */
@QuarkusTest
class SearchGrpcServiceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @GrpcClient("search")
    SearchService search;

    @Inject
    DataSource database;

    @BeforeEach
    void index() throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.createStatement().execute("DELETE FROM search.book_documents");
            document(connection, "Whales of the Deep", List.of("Ann Marine"), List.of("ocean", "biology"), "30.00", 0);
            document(connection, "Moby-Dick", List.of("Herman Melville"), List.of("whale", "novel", "classic"), "9.99", 2);
            document(connection, "Kitchen Confidential", List.of("Anthony Bourdain"), List.of("cooking"), "14.50", 5);
        }
    }

    @Test
    void ranksTitleMatchesAboveTagMatchesWithEveryFieldOfAHit() {
        SearchResponse response = search(SearchRequest.newBuilder().setQuery("whale"));

        assertThat(response.getTotal()).isEqualTo(2);
        assertThat(response.getHitsList()).extracting(SearchHit::getTitle).containsExactly("Whales of the Deep", "Moby-Dick");
        SearchHit moby = response.getHits(1);
        assertThat(moby.getInStock()).isTrue();
        assertThat(moby.getAuthorsList()).containsExactly("Herman Melville");
        assertThat(moby.getTagsList()).containsExactly("whale", "novel", "classic");
        assertThat(moby.getIsbn()).hasSize(13);
        assertThat(moby.getPrice()).isEqualTo(Money.newBuilder().setCurrencyCode("EUR").setAmount("9.99").build());
        assertThat(response.getHits(0).getInStock()).isFalse();
        assertThat(response.getHits(0).getScore()).isGreaterThan(moby.getScore());
        assertThat(moby.getRank()).as("the deprecated field keeps its meaning").isEqualTo(moby.getScore());
        assertThat(response.getPageSize()).as("0 means the default").isEqualTo(20);
    }

    @Test
    void filtersByInclusivePriceBoundsAndStock() {
        assertThat(search(SearchRequest.newBuilder().setQuery("whale").setMaxPrice(euros("9.99"))).getHitsList())
                .extracting(SearchHit::getTitle).containsExactly("Moby-Dick");
        assertThat(search(SearchRequest.newBuilder().setQuery("whale").setMinPrice(euros("10"))).getHitsList())
                .extracting(SearchHit::getTitle).containsExactly("Whales of the Deep");
        assertThat(search(SearchRequest.newBuilder().setQuery("whale").setInStock(false)).getHitsList())
                .extracting(SearchHit::getTitle).containsExactly("Whales of the Deep");
        assertThat(search(SearchRequest.newBuilder().setQuery("whale").setInStock(true).setMinPrice(euros("9.99"))
                .setMaxPrice(euros("9.99"))).getTotal()).isEqualTo(1);
    }

    @Test
    void paginatesWithTheTotalOfAllMatches() {
        SearchResponse page = search(SearchRequest.newBuilder().setQuery("whale").setPage(1).setPageSize(1));
        assertThat(page.getTotal()).isEqualTo(2);
        assertThat(page.getHitsList()).extracting(SearchHit::getTitle).containsExactly("Moby-Dick");
        assertThat(search(SearchRequest.newBuilder().setQuery("whale").setPage(10_000)).getHitsList()).isEmpty();
    }

    @Test
    void refusesEveryBrokenRuleNamingTheFields() {
        assertInvalid(SearchRequest.newBuilder().setQuery("  \t "), "query:");
        assertInvalid(SearchRequest.newBuilder().setQuery("x".repeat(201)), "query:");
        assertInvalid(SearchRequest.newBuilder().setQuery("whale").setPageSize(101), "pageSize:");
        assertInvalid(SearchRequest.newBuilder().setQuery("whale").setPageSize(-1), "pageSize:");
        assertInvalid(SearchRequest.newBuilder().setQuery("whale").setPage(10_001), "page:");
        assertInvalid(SearchRequest.newBuilder().setQuery("whale").setPage(-1), "page:");
        for (String amount : List.of("-1", "-0", "1e3", "1E999999999", "1e-20000000", "10.001", "123456789",
                "١٢", " 5", "5,00", "", "NaN")) {
            assertInvalid(SearchRequest.newBuilder().setQuery("whale").setMinPrice(euros(amount)), "minPrice:");
        }
        assertInvalid(SearchRequest.newBuilder().setQuery("whale")
                .setMaxPrice(Money.newBuilder().setCurrencyCode("USD").setAmount("5")), "maxPrice:");
        assertInvalid(SearchRequest.newBuilder().setQuery("whale").setMinPrice(euros("20"))
                .setMaxPrice(euros("10")), "minPrice: must not be greater than maxPrice");
        assertInvalid(SearchRequest.newBuilder().setQuery("").setPage(-1).setPageSize(500), "query:", "page:",
                "pageSize:");
    }

    @Test
    void refusesTextPostgresqlCannotHoldOrThatDisplaysOtherThanItReads() {
        // (Unpaired surrogates cannot even be sent: protobuf encodes strings as UTF-8 and the client refuses them.)
        for (String query : List.of("whale\u0000", "\u0000", "wha\u0007le", "\u202Eelahw", "whale\u2066", "\u009Bwhale")) {
            assertInvalid(SearchRequest.newBuilder().setQuery(query), "query: must not contain");
        }
    }

    /** Any text at all: an answer or INVALID_ARGUMENT, never a failure of the service (INTERNAL, UNKNOWN). */
    @Test
    void anyQueryTextIsAnsweredOrRefusedNeverFailed() {
        Arbitrary<String> texts = Arbitraries.oneOf(
                // Any UTF-16 text protobuf can carry (no unpaired surrogates).
                Arbitraries.strings().all().ofMaxLength(210).filter(t -> t.codePoints().noneMatch(
                        c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)),
                Arbitraries.strings().withChars("&|!():*<>'\"\\-~ -orAND%_;").ofMaxLength(40),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(8).map(w -> "\"" + w + "\" -" + w + " or " + w + ":*"));
        texts.sampleStream().limit(400).forEach(text -> {
            try {
                search(SearchRequest.newBuilder().setQuery(text));
            } catch (StatusRuntimeException e) {
                assertThat(e.getStatus().getCode()).as("query %s", escaped(text))
                        .isEqualTo(Status.Code.INVALID_ARGUMENT);
            }
        });
    }

    private SearchResponse search(SearchRequest.Builder request) {
        return search.search(request.build()).await().atMost(DEADLINE);
    }

    private void assertInvalid(SearchRequest.Builder request, String... descriptions) {
        assertThatThrownBy(() -> search(request)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains(descriptions);
        });
    }

    private static Money euros(String amount) {
        return Money.newBuilder().setCurrencyCode("EUR").setAmount(amount).build();
    }

    private static String escaped(String text) {
        return text.codePoints().mapToObj(c -> c < 0x20 || c > 0x7E ? String.format("\\u%04X", c)
                : String.valueOf((char) c)).reduce("", String::concat);
    }

    private static void document(Connection connection, String title, List<String> authors, List<String> tags,
            String price, int stock) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO search.book_documents "
                + "(book_id, isbn, title, authors, description, tags, price, stock) VALUES (?, ?, ?, ?, '', ?, ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, "978" + String.format("%010d", Math.abs(title.hashCode()) % 1_000_000_000L));
            insert.setString(3, title);
            insert.setArray(4, connection.createArrayOf("text", authors.toArray()));
            insert.setArray(5, connection.createArrayOf("text", tags.toArray()));
            insert.setBigDecimal(6, new java.math.BigDecimal(price));
            insert.setInt(7, stock);
            insert.executeUpdate();
        }
    }
}
