package dev.stranglerbookshop.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stranglerbookshop.platform.telemetry.TraceIds;

import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error answer. {@code type} is a stable identifier clients may
 * switch on; {@code traceId} lets a user quote the request to an operator, who finds it in the trace backend.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors, String traceId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:bookshop:problem:";

    /** One invalid input: where it is ({@code password}, {@code items[0].quantity}, {@code query.size}) and why. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String slug, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, errors == null ? List.of() : errors,
                TraceIds.current());
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return of(status, slug, title, detail, List.of());
    }
}
