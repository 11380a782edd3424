package dev.stranglerbookshop.search.index;

import dev.stranglerbookshop.platform.input.Amounts;
import dev.stranglerbookshop.proto.common.v1.Money;
import dev.stranglerbookshop.proto.search.v1.SearchRequest;
import io.grpc.Status;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of {@code search.proto}'s SearchRequest, the same as the monolith's GET /api/search: every broken rule is
 * named in one INVALID_ARGUMENT ({@code "field: message; field: message"}), an answer about the request that never
 * counts against the caller's circuit breaker. (Text with control characters never gets here: the platform's
 * TextPolicyInterceptor refuses it first.)
 */
final class SearchRequests {

    static final int MAX_QUERY_LENGTH = 200;
    static final int MAX_PAGE = 10_000;
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private SearchRequests() {
    }

    /** @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT listing every broken rule */
    static BookQuery validate(SearchRequest request) {
        List<String> errors = new ArrayList<>();
        String text = request.getQuery().strip();
        int characters = text.codePointCount(0, text.length()); // characters, not UTF-16 units: an emoji is one
        if (characters == 0 || characters > MAX_QUERY_LENGTH) {
            errors.add("query: must be 1 to " + MAX_QUERY_LENGTH + " characters (leading and trailing blanks aside)");
        }
        if (request.getPage() < 0 || request.getPage() > MAX_PAGE) {
            errors.add("page: must be between 0 and " + MAX_PAGE);
        }
        int size = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add("pageSize: must be between 1 and " + MAX_PAGE_SIZE);
        }
        BigDecimal min = request.hasMinPrice() ? amount("minPrice", request.getMinPrice(), errors) : null;
        BigDecimal max = request.hasMaxPrice() ? amount("maxPrice", request.getMaxPrice(), errors) : null;
        if (min != null && max != null && min.compareTo(max) > 0) {
            errors.add("minPrice: must not be greater than maxPrice");
        }
        if (!errors.isEmpty()) {
            throw Status.INVALID_ARGUMENT.withDescription(String.join("; ", errors)).asRuntimeException();
        }
        return new BookQuery(text, min, max, request.hasInStock() ? request.getInStock() : null, request.getPage(),
                size);
    }

    private static BigDecimal amount(String field, Money money, List<String> errors) {
        if (!money.getCurrencyCode().isEmpty() && !"EUR".equals(money.getCurrencyCode())) {
            errors.add(field + ": the catalog's currency is EUR");
            return null;
        }
        try {
            return Amounts.parse(field, money.getAmount()).orElseGet(() -> {
                errors.add(field + ": " + Amounts.RULE);
                return null;
            });
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
            return null;
        }
    }
}
