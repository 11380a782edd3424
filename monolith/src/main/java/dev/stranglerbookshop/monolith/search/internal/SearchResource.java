package dev.stranglerbookshop.monolith.search.internal;

import dev.stranglerbookshop.monolith.shared.Page;
import dev.stranglerbookshop.platform.problem.ProblemException;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;

@Path("/api/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "search", description = "Ranked full-text search over title, authors, description and tags")
public class SearchResource {

    private final SearchService search;

    SearchResource(SearchService search) {
        this.search = search;
    }

    @GET
    public Page<SearchHit> search(@QueryParam("q") @NotBlank @Size(max = 200) String q,
            @QueryParam("minPrice") @DecimalMin("0") BigDecimal minPrice,
            @QueryParam("maxPrice") @DecimalMin("0") BigDecimal maxPrice,
            @QueryParam("inStock") Boolean inStock,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            throw ProblemException.invalid("minPrice", "must not be greater than maxPrice");
        }
        return search.search(new SearchQuery(q.strip(), minPrice, maxPrice, inStock, page, size));
    }
}
