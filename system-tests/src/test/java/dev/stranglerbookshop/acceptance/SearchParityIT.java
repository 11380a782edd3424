package dev.stranglerbookshop.acceptance;

import dev.stranglerbookshop.topology.ServiceSpec;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Stage 3's contract: search-service answers every query of the shadow corpus ({@code search-corpus.tsv}, over the
 * seeded catalog) exactly as the monolith's search module does, and nothing answers 5xx on either side. The same system
 * answers the corpus three times through the public API: with {@code search=monolith}, with {@code search=service}
 * (every body compared), then in {@code shadow} (the monolith's own comparison: no mismatch, no error).
 */
@Acceptance
class SearchParityIT {

    record Query(String q, Map<String, String> parameters) {
        @Override
        public String toString() {
            String shown = q.length() > 40 ? q.substring(0, 40) + "...(" + q.length() + ")" : q;
            return Api.escaped(shown) + (parameters.isEmpty() ? "" : " " + parameters);
        }
    }

    private static final String SEARCH = "capability=\"search\"";

    static String configuredRoute;

    @BeforeAll
    static void rememberTheRoute() {
        if (SystemUnderTest.runs(ServiceSpec.SEARCH_SERVICE)) {
            configuredRoute = Api.route("search");
        }
    }

    @BeforeEach
    void onlyWhereSearchIsExtracted() {
        assumeTrue(SystemUnderTest.runs(ServiceSpec.SEARCH_SERVICE), "search-service runs from stage 3");
    }

    @AfterAll
    static void restore() {
        if (configuredRoute != null) {
            Api.route("search", configuredRoute);
        }
    }

    @Test
    void theServiceAnswersTheCorpusExactlyAsTheMonolithAndShadowModeAgrees() {
        List<Query> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(60);

        Api.route("search", "monolith");
        List<Response> monolith = corpus.stream().map(SearchParityIT::search).toList();
        Api.route("search", "service");
        List<Response> service = corpus.stream().map(SearchParityIT::search).toList();

        int answered = 0;
        int refused = 0;
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            Query query = corpus.get(i);
            Response left = monolith.get(i);
            Response right = service.get(i);
            assertThat(left.statusCode()).as("monolith on %s", query).isLessThan(500);
            assertThat(right.statusCode()).as("service on %s", query).isLessThan(500);
            if (left.statusCode() == 200) {
                answered++;
            } else {
                refused++;
                assertThat(left.contentType()).startsWith("application/problem+json");
            }
            if (left.statusCode() != right.statusCode() || (left.statusCode() == 200
                    && !left.jsonPath().getMap("$").equals(right.jsonPath().getMap("$")))) {
                differences.add(query + ": monolith " + left.statusCode() + " " + left.asString()
                        + " / service " + right.statusCode() + " " + right.asString());
            }
        }
        assertThat(answered).as("the corpus must also find books").isGreaterThan(40);
        assertThat(corpus.stream().anyMatch(q -> search(q).jsonPath().getInt("total") > 0)).isTrue();

        Api.route("search", "shadow");
        double matches = Api.metric("strangler_shadow_total", SEARCH, "outcome=\"match\"");
        double mismatches = Api.metric("strangler_shadow_total", SEARCH, "outcome=\"mismatch\"");
        double errors = Api.metric("strangler_shadow_total", SEARCH, "outcome=\"error\"");
        for (Query query : corpus) {
            assertThat(search(query).statusCode()).as("shadow on %s", query).isLessThan(500);
        }
        double shadowMatches = Api.metric("strangler_shadow_total",
                SEARCH, "outcome=\"match\"") - matches;
        double shadowMismatches = Api.metric("strangler_shadow_total",
                SEARCH, "outcome=\"mismatch\"") - mismatches;
        double shadowErrors = Api.metric("strangler_shadow_total",
                SEARCH, "outcome=\"error\"") - errors;
        System.out.printf("Search shadow corpus: %d queries (%d answered, %d refused with 400); body differences "
                + "monolith vs service: %d; shadow mode: %.0f matches, %.0f mismatches, %.0f errors%n", corpus.size(),
                answered, refused, differences.size(), shadowMatches, shadowMismatches, shadowErrors);

        assertThat(differences).as("answers that differ").isEmpty();
        assertThat(shadowMatches).as("every answered query was compared").isEqualTo(answered);
        assertThat(shadowMismatches).isZero();
        assertThat(shadowErrors).isZero();
    }

    private static Response search(Query query) {
        return given().queryParam("q", query.q()).queryParams(query.parameters()).get("/api/search");
    }

    static List<Query> corpus() {
        try (InputStream in = SearchParityIT.class.getResourceAsStream("/search-corpus.tsv")) {
            List<Query> queries = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", 2);
                Map<String, String> parameters = new LinkedHashMap<>();
                if (columns.length > 1) {
                    for (String pair : columns[1].split("&")) {
                        String[] kv = pair.split("=", 2);
                        parameters.put(kv[0], kv[1]);
                    }
                }
                queries.add(new Query(unescape(columns[0]), parameters));
            }
            return queries;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code \\uXXXX}, {@code \\t}, {@code \\} and {@code {N characters}}. */
    private static String unescape(String text) {
        var repeat = java.util.regex.Pattern.compile("\\{(\\d+) characters}").matcher(text);
        if (repeat.matches()) {
            return "x".repeat(Integer.parseInt(repeat.group(1)));
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == 'u' && i + 5 < text.length()) {
                    out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                    i += 5;
                    continue;
                }
                if (next == 't' || next == '\\') {
                    out.append(next == 't' ? '\t' : '\\');
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
