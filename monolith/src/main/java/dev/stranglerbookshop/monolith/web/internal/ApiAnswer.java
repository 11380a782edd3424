package dev.stranglerbookshop.monolith.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the API answered a page: the HTTP status and the JSON body (a problem document, RFC 9457, for 4xx/5xx).
 *
 * @param status the HTTP status; 503 when the API could not be reached within the deadline
 * @param body   the parsed body; {@link MissingNode} when there was none or it was not JSON
 */
public record ApiAnswer(int status, JsonNode body) {

    public static ApiAnswer unreachable(String detail) {
        return new ApiAnswer(503, ShopApi.JSON.createObjectNode().put("title", "The shop is not answering")
                .put("detail", detail));
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The problem's {@code detail} (or {@code title}) for a general error message; never a stack trace. */
    public String message() {
        String detail = body.path("detail").asText("");
        return detail.isBlank() ? body.path("title").asText("Something went wrong (HTTP " + status + ")") : detail;
    }

    /** The problem type's slug, e.g. {@code validation} from {@code urn:bookshop:problem:validation}; "" if none. */
    public String problemType() {
        String type = body.path("type").asText("");
        return type.substring(type.lastIndexOf(':') + 1);
    }

    /**
     * The problem's field errors keyed by the form field they belong to: the last segment of the API's field path
     * ({@code items[0].quantity} is {@code quantity}, {@code query.minPrice} is {@code minPrice}); the first message
     * per field wins.
     */
    public Map<String, String> fieldErrors() {
        Map<String, String> errors = new LinkedHashMap<>();
        for (JsonNode error : body.path("errors")) {
            String path = error.path("field").asText("");
            String field = path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[\\d+]", "");
            errors.putIfAbsent(field, error.path("message").asText("is invalid"));
        }
        return errors;
    }

    /** The trace id the problem carries, for a message a user can quote; "" if none. */
    public String traceId() {
        return body.path("traceId").asText("");
    }
}
