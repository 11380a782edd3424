package dev.stranglerbookshop.platform.grpc;

import java.time.Duration;

/**
 * A downstream service did not answer this call: down, too slow, overloaded, its breaker open, or it failed on the
 * request. Not an answer about the request (those are {@link dev.stranglerbookshop.platform.problem.ProblemException}),
 * so a caller may fall back, or answer 503 with {@link #retryAfter()}.
 */
public class ServiceUnavailable extends RuntimeException {

    private final boolean infrastructure;
    private final Duration retryAfter;

    /**
     * @param infrastructure whether the failure says the service is unhealthy (down, deadline, transport): only those
     *                       count against its circuit breaker
     * @param retryAfter     when a client may usefully try again
     */
    public ServiceUnavailable(String message, boolean infrastructure, Duration retryAfter, Throwable cause) {
        super(message, cause, false, false); // an expected outcome under failure: no stack trace to fill
        this.infrastructure = infrastructure;
        this.retryAfter = retryAfter;
    }

    public boolean infrastructure() {
        return infrastructure;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
