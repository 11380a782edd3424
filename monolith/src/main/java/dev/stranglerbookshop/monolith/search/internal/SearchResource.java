package dev.stranglerbookshop.monolith.search.internal;

import dev.stranglerbookshop.monolith.shared.Page;
import dev.stranglerbookshop.platform.input.Amounts;
import dev.stranglerbookshop.platform.problem.Problem;
import dev.stranglerbookshop.platform.problem.ProblemException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Path("/api/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "search", description = "Ranked full-text search over title, authors, description and tags")
public class SearchResource {

    static final int MAX_QUERY_LENGTH = 200;
    private static final String AMOUNT = "EUR, 0 to 99999999.99, plain digits with at most two decimals (no sign, "
            + "no exponent), inclusive";

    private final SearchGateway search;

    SearchResource(SearchGateway search) {
        this.search = search;
    }

    /**
     * Ranked hits for {@code q} (web-search syntax, 1..200 characters once leading and trailing blanks are removed),
     * optionally within inclusive EUR price bounds (ASCII digits, at most two decimals, 0..99999999.99) and by stock.
     * 400 names every invalid parameter; from stage 3 a 503 (with Retry-After) when search-service is routed to and
     * cannot answer.
     */
    @GET
    @Operation(summary = "Ranked full-text search",
            description = "Web-search syntax (words, \"quoted phrase\", -excluded, or), ranked by ts_rank_cd over title "
                    + "> authors > tags > description, with optional inclusive price bounds and a stock filter.")
    @APIResponse(responseCode = "200", description = "A page of hits with the total over all pages")
    @APIResponse(responseCode = "400", description = "A parameter is invalid; the problem's errors name each one")
    @APIResponse(responseCode = "503", description = "From stage 3: search-service is routed to and cannot answer "
            + "(Retry-After says when to come back)")
    public Page<SearchHit> search(
            @Parameter(description = "1 to 200 characters once leading and trailing blanks are removed",
                    required = true) @QueryParam("q") @NotNull String q,
            @Parameter(description = AMOUNT, schema = @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN))
            @QueryParam("minPrice") String minPrice,
            @Parameter(description = AMOUNT, schema = @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN))
            @QueryParam("maxPrice") String maxPrice,
            @Parameter(description = "true: in stock only; false: sold out only; absent: both",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("inStock") String inStock,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String text = q.strip();
        int characters = text.codePointCount(0, text.length()); // characters, not UTF-16 units: an emoji is one
        if (characters == 0 || characters > MAX_QUERY_LENGTH) {
            errors.add(new Problem.FieldError("q",
                    "must be 1 to " + MAX_QUERY_LENGTH + " characters (leading and trailing blanks aside)"));
        }
        Boolean stock = switch (inStock == null ? "" : inStock.toLowerCase(Locale.ROOT)) {
            case "" -> null;
            case "true" -> true;
            case "false" -> false;
            default -> {
                errors.add(new Problem.FieldError("inStock", "must be true or false"));
                yield null;
            }
        };
        BigDecimal min = amount("minPrice", minPrice, errors);
        BigDecimal max = amount("maxPrice", maxPrice, errors);
        if (min != null && max != null && min.compareTo(max) > 0) {
            errors.add(new Problem.FieldError("minPrice", "must not be greater than maxPrice"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return search.search(new SearchQuery(text, min, max, stock, page, size));
    }

    private static BigDecimal amount(String field, String text, List<Problem.FieldError> errors) {
        try {
            return Amounts.parse(field, text).orElse(null);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(field, Amounts.RULE));
            return null;
        }
    }
}
