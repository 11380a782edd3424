package dev.stranglerbookshop.platform.strangler;

/**
 * The strangler's metric and span attribute names, the same in every service and for every capability (Prometheus
 * shows them as {@code strangler_route_total}, {@code strangler_shadow_total}, {@code strangler_fallback_total},
 * {@code strangler_breaker_state}).
 */
public final class StranglerMetrics {

    /** Decisions of the router: tags {@code capability}, {@code side} (monolith, service, shadow). */
    public static final String ROUTE = "strangler.route";
    /** Shadow comparisons: tags {@code capability}, {@code operation}, {@code outcome} (match, mismatch, error). */
    public static final String SHADOW = "strangler.shadow";
    /** Canary calls the monolith answered because the service could not: tags {@code capability}, {@code operation}. */
    public static final String FALLBACK = "strangler.fallback";
    /**
     * A gauge: the circuit breaker of the calls to one service
     * ({@link dev.stranglerbookshop.platform.grpc.ServiceCalls}), tag {@code service} (its name, e.g.
     * {@code search-service}); the value is a {@link dev.stranglerbookshop.platform.grpc.BreakerState}: 0 closed,
     * 1 half-open, 2 open.
     */
    public static final String BREAKER = "strangler.breaker.state";

    public static final String CAPABILITY = "capability";
    public static final String SIDE = "side";
    public static final String OPERATION = "operation";
    public static final String OUTCOME = "outcome";
    public static final String SERVICE = "service";

    /** On the span of a strangled call: where it went, and how the shadow comparison ended. */
    public static final String SIDE_ATTRIBUTE = "strangler.side";
    public static final String SHADOW_ATTRIBUTE = "strangler.shadow.outcome";
    public static final String FALLBACK_ATTRIBUTE = "strangler.fallback";

    private StranglerMetrics() {
    }
}
