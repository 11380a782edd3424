package dev.stranglerbookshop.platform.problem;

import java.time.Duration;
import java.util.List;

/**
 * An expected failure the caller can act on (conflict, not found, throttled...). Modules throw it; the mapper turns it
 * into a problem+json answer. Unexpected failures are plain exceptions and become a 500 without details.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Duration retryAfter;

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of(), null);
    }

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors,
            Duration retryAfter) {
        super(detail, null, false, false); // expected outcome: no stack trace to fill
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors;
        this.retryAfter = retryAfter;
    }

    /** 503 with {@code Retry-After}: an extracted service could not answer; the client should come back then. */
    public static ProblemException serviceUnavailable(String detail, Duration retryAfter) {
        return new ProblemException(503, "service-unavailable", "Temporarily unavailable", detail, List.of(),
                retryAfter);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "validation-failed", "The request is not valid", field + ": " + message,
                List.of(new Problem.FieldError(field, message)), null);
    }

    /** 400 naming every invalid field at once. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message())
                .collect(java.util.stream.Collectors.joining("; "));
        return new ProblemException(400, "validation-failed", "The request is not valid", detail, errors, null);
    }

    public Problem toProblem() {
        return Problem.of(status, slug, title, getMessage(), errors);
    }

    public int status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
