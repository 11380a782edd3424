package dev.stranglerbookshop.monolith.search.internal;

import dev.stranglerbookshop.monolith.migration.StrangledCall;
import dev.stranglerbookshop.monolith.migration.StranglerSeam;
import dev.stranglerbookshop.monolith.shared.Page;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.stranglerbookshop.topology.Capability.SEARCH;

/**
 * The seam where search is strangled (stage 3): the module's SQL or search-service, as the router says, keyed by the
 * query (a canary keeps every page of one search on one side). Shadow mode runs both and compares the total and the
 * page's book ids in order: the same rows ranked the same way must give the same page.
 */
@ApplicationScoped
public class SearchGateway {

    private final StranglerSeam seam;
    private final FullTextSearch module;
    private final SearchServiceClient service;

    SearchGateway(StranglerSeam seam, FullTextSearch module, SearchServiceClient service) {
        this.seam = seam;
        this.module = module;
        this.service = service;
    }

    public Page<SearchHit> search(SearchQuery query) {
        return seam.run(StrangledCall.<Page<SearchHit>>of(SEARCH, "search", query.callerKey())
                .monolith(() -> module.search(query))
                .service(() -> service.search(query))
                .shadow(() -> service.search(query))
                .compared(SearchGateway::ranking)
                .unavailable("Search is temporarily unavailable; please try again shortly."));
    }

    /** The total and the ids in order ({@code hit[0]}, {@code hit[1]}...): a diff names the first place they part. */
    static Map<String, ?> ranking(Page<SearchHit> page) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("total", page.total());
        for (int i = 0; i < page.items().size(); i++) {
            fields.put("hit[" + i + "]", page.items().get(i).id());
        }
        return fields;
    }
}
