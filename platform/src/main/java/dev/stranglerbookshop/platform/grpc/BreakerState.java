package dev.stranglerbookshop.platform.grpc;

import io.smallrye.faulttolerance.api.CircuitBreakerState;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a service's circuit breaker is, as its gauge says it
 * ({@link dev.stranglerbookshop.platform.strangler.StranglerMetrics#BREAKER}). The gauge value is the ordinal, so a
 * higher value is worse and an alert can take the maximum over instances.
 */
public enum BreakerState {
    /** Calls go through (gauge 0). */
    CLOSED,
    /** Its delay has passed: one trial call goes through, the others wait for its outcome (gauge 1). */
    HALF_OPEN,
    /** Calls fail at once, without reaching the service, until its delay has passed (gauge 2). */
    OPEN;

    private final String key = name().toLowerCase(Locale.ROOT);

    /** @return the gauge's value: 0, 1 or 2 */
    public double gauge() {
        return ordinal();
    }

    /** @return the name in JSON: {@code closed}, {@code half_open} or {@code open} */
    public String key() {
        return key;
    }

    /** @return the state a gauge value (0, 1 or 2) stands for; empty for anything else (NaN: the gauge is gone) */
    public static Optional<BreakerState> ofGauge(double value) {
        for (BreakerState state : values()) {
            if (state.gauge() == value) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    static BreakerState of(CircuitBreakerState state) {
        return switch (state) {
            case CLOSED -> CLOSED;
            case HALF_OPEN -> HALF_OPEN;
            case OPEN -> OPEN;
        };
    }
}
