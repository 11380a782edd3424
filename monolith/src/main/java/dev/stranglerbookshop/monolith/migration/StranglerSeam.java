package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.platform.grpc.ServiceUnavailable;
import dev.stranglerbookshop.platform.problem.ProblemException;
import dev.stranglerbookshop.platform.strangler.ShadowComparisons;
import dev.stranglerbookshop.platform.strangler.StranglerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The strangler seam, written once: runs any {@link StrangledCall} as the router decides.
 * <ul>
 *   <li>MONOLITH: the module answers.</li>
 *   <li>SERVICE: the service answers. When it cannot ({@link ServiceUnavailable}): a canary falls back to the module
 *       ({@code strangler_fallback_total{capability,operation}}), the {@code service} route answers 503 with
 *       {@code Retry-After}. A problem the service answers (409, 401, 429...) is the answer.</li>
 *   <li>SHADOW: the service's shadow call runs first (a dry run where the call writes), then the module, which
 *       answers; both answers are compared ({@link ShadowComparisons}).</li>
 * </ul>
 * The current span gets {@code strangler.side} (and {@code strangler.fallback} when a canary fell back), and the call
 * is kept among the capability's {@link RecentCalls} when it ends, however it ends.
 */
@ApplicationScoped
public class StranglerSeam {

    private static final Logger LOG = Logger.getLogger(StranglerSeam.class);

    /** An outage would log every refused call; the counters count them all, the log says it once in a while. */
    private final ThrottledWarnings warnings = new ThrottledWarnings(LOG::warn, java.time.Duration.ofSeconds(10),
            System::nanoTime);
    private final StranglerRouter router;
    private final ShadowComparisons shadows;
    private final MeterRegistry meters;
    private final RecentCalls recent;

    StranglerSeam(StranglerRouter router, ShadowComparisons shadows, MeterRegistry meters, RecentCalls recent) {
        this.router = router;
        this.shadows = shadows;
        this.meters = meters;
        this.recent = recent;
    }

    /**
     * @return the answer of the side that serves this call
     * @throws ProblemException the answer's problem, whichever side gave it; 503 {@code service-unavailable} when the
     *                          service route cannot reach the service
     */
    public <T> T run(StrangledCall<T> call) {
        Decision decision = router.decide(call.capability(), call.callerKey());
        Side side = decision.side() == Side.SHADOW && call.shadowOrNull() == null ? Side.MONOLITH : decision.side();
        Span.current().setAttribute(StranglerMetrics.SIDE_ATTRIBUTE, side.key());
        boolean fellBack = false;
        try {
            return switch (side) {
                case MONOLITH -> call.monolith().get();
                case SHADOW -> shadowed(call);
                case SERVICE -> {
                    try {
                        yield call.service().get();
                    } catch (ServiceUnavailable unavailable) {
                        fellBack = decision.fallsBack();
                        yield fallBackOrRefuse(call, decision, unavailable);
                    }
                }
            };
        } finally {
            recent.record(call.capability(), call.operation(), side, fellBack);
        }
    }

    /** The service could not answer: a canary's module answers instead, the service route refuses with 503. */
    private <T> T fallBackOrRefuse(StrangledCall<T> call, Decision decision, ServiceUnavailable unavailable) {
        String capability = call.capability().key();
        if (decision.fallsBack()) {
            meters.counter(StranglerMetrics.FALLBACK, StranglerMetrics.CAPABILITY, capability,
                    StranglerMetrics.OPERATION, call.operation()).increment();
            Span.current().setAttribute(StranglerMetrics.FALLBACK_ATTRIBUTE, true);
            warnings.warn(capability + " fallback", String.format("Canary %s %s falls back to the monolith: %s",
                    capability, call.operation(), unavailable.getMessage()));
            return call.monolith().get();
        }
        warnings.warn(capability + " unavailable", String.format("%s %s unavailable on the service route: %s",
                capability, call.operation(), unavailable.getMessage()));
        throw ProblemException.serviceUnavailable(call.unavailableDetail(), unavailable.retryAfter());
    }

    private <T> T shadowed(StrangledCall<T> call) {
        Outcome<T> service = Outcome.of(call.shadowOrNull());
        Outcome<T> monolith = Outcome.of(call.monolith());
        String capability = call.capability().key();
        if (service.failure() != null || monolith.failure() != null) {
            shadows.failed(capability, call.operation(),
                    service.failure() != null ? service.failure() : monolith.failure());
        } else {
            shadows.compare(capability, call.operation(), fields(call, monolith), fields(call, service));
        }
        return monolith.answer();
    }

    private static <T> Map<String, ?> fields(StrangledCall<T> call, Outcome<T> outcome) {
        return outcome.problem() != null
                ? Map.of("status", outcome.problem().status(), "type", outcome.problem().toProblem().type())
                : call.normalise(outcome.value());
    }

    /** What one side did: answered a value, answered a problem, or failed to answer. */
    private record Outcome<T>(T value, ProblemException problem, RuntimeException failure) {
        static <T> Outcome<T> of(Supplier<T> call) {
            try {
                return new Outcome<>(call.get(), null, null);
            } catch (ProblemException e) {
                return new Outcome<>(null, e, null);
            } catch (RuntimeException e) {
                return new Outcome<>(null, null, e);
            }
        }

        T answer() {
            if (problem != null) {
                throw problem;
            }
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}
