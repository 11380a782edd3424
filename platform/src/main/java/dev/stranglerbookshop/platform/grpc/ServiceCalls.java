package dev.stranglerbookshop.platform.grpc;

import dev.stranglerbookshop.platform.strangler.StranglerMetrics;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Every call to one downstream gRPC service, guarded the same way:
 * <ol>
 *   <li>a <b>bulkhead with a queue</b>: at most {@code concurrency} calls in flight; up to {@code queue} callers wait
 *       at most {@code queue-timeout} for a slot, in arrival order; anyone else is shed at once. A burst then queues
 *       here instead of piling onto the service, where every call would slow down until all missed their deadline.
 *       (SmallRye Fault Tolerance queues synchronous callers only on virtual threads, which Java 17 lacks.)</li>
 *   <li>a <b>deadline</b> on every call, sent to the server, which abandons work its caller gave up on
 *       ({@link CallerDeadline});</li>
 *   <li>a <b>circuit breaker</b> (SmallRye Fault Tolerance) that counts <em>infrastructure</em> failures only:
 *       UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED. An answer about the request (INVALID_ARGUMENT, ALREADY_EXISTS,
 *       NOT_FOUND, UNAUTHENTICATED, FAILED_PRECONDITION, RESOURCE_EXHAUSTED...) becomes a problem for the client and
 *       never opens it, so hostile requests cannot switch a service off for everyone else. A failure on one request
 *       (INTERNAL, UNKNOWN) does not count either: it says nothing about the next request. The window is the last
 *       {@code request-volume} calls, however old (the fault-tolerance specification's rolling window).</li>
 * </ol>
 * A half-open breaker lets one trial call through; callers arriving meanwhile wait for its outcome (within their queue
 * timeout) instead of failing, so a burst that meets a recovering service is served once the trial succeeds.
 * Answers come back as {@link dev.stranglerbookshop.platform.problem.ProblemException} (via {@link StatusProblems});
 * everything else as {@link ServiceUnavailable}. The breaker's state is the gauge
 * {@code strangler_breaker_state{service}} ({@link BreakerState}), which the migration panel shows too.
 */
public final class ServiceCalls {

    private static final Logger LOG = Logger.getLogger(ServiceCalls.class);
    private static final Duration SHED_RETRY_AFTER = Duration.ofSeconds(1);

    private final String service;
    private final ServiceCallSettings settings;
    private final StatusProblems problems;
    private final Semaphore slots;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Guard breaker;
    private volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;

    /**
     * @param service  the downstream service's name ({@link dev.stranglerbookshop.topology.ServiceSpec#name()}), for
     *                 messages, logs and the {@code service} tag of its breaker's gauge
     * @param settings its deadline, bulkhead and breaker
     * @param problems how its answers become problems
     * @param meters   where the breaker's gauge is registered: one {@code ServiceCalls} per service and registry (a
     *                 second one for the same service would not be shown; Micrometer keeps the first gauge)
     */
    public ServiceCalls(String service, ServiceCallSettings settings, StatusProblems problems, MeterRegistry meters) {
        this.service = service;
        this.settings = settings;
        this.problems = problems;
        this.slots = new Semaphore(settings.concurrency(), true);
        this.breaker = Guard.create().withCircuitBreaker()
                .requestVolumeThreshold(settings.breaker().requestVolume())
                .failureRatio(settings.breaker().failureRatio())
                .delay(settings.breaker().delay().toMillis(), ChronoUnit.MILLIS)
                .when(ServiceCalls::countsAgainstBreaker)
                .onStateChange(this::stateChanged)
                .done().build();
        Gauge.builder(StranglerMetrics.BREAKER, this, calls -> calls.breakerState().gauge())
                .tag(StranglerMetrics.SERVICE, service)
                .description("Circuit breaker of the calls to a service: 0 closed, 1 half-open, 2 open")
                .register(meters);
    }

    /** @return where the breaker is now: half-open as soon as its delay has passed, without waiting for a call */
    public BreakerState breakerState() {
        return BreakerState.of(state);
    }

    /**
     * Calls {@code rpc} on {@code stub} with this service's deadline, inside its bulkhead and breaker.
     *
     * @return the service's answer
     * @throws dev.stranglerbookshop.platform.problem.ProblemException for an answer about the request
     * @throws ServiceUnavailable when the service could not answer, was shed or its breaker is open
     */
    public <S extends AbstractStub<S>, T> T call(S stub, Function<S, T> rpc) {
        long giveUp = System.nanoTime() + settings.queueTimeout().toNanos();
        acquireSlot();
        try {
            while (true) {
                try {
                    @SuppressWarnings("unchecked")
                    T answer = (T) breaker.get(() -> invoke(stub, rpc), Object.class);
                    return answer;
                } catch (CircuitBreakerOpenException open) {
                    if (!awaitTrialOutcome(giveUp)) {
                        throw new ServiceUnavailable(service + ": circuit breaker " + state, false,
                                settings.breaker().delay(), open);
                    }
                }
            }
        } finally {
            slots.release();
        }
    }

    private <S extends AbstractStub<S>, T> Object invoke(S stub, Function<S, T> rpc) {
        try {
            return rpc.apply(stub.withDeadlineAfter(settings.deadline().toMillis(), TimeUnit.MILLISECONDS));
        } catch (StatusRuntimeException e) {
            if (StatusProblems.isAnswer(e.getStatus().getCode())) {
                throw problems.toProblem(e);
            }
            boolean infrastructure = switch (e.getStatus().getCode()) {
                case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED -> true;
                default -> false; // INTERNAL, UNKNOWN, DATA_LOSS, UNIMPLEMENTED: this request failed, not the service
            };
            throw new ServiceUnavailable(service + ": " + e.getStatus().getCode() + " "
                    + StatusProblems.description(e), infrastructure, Duration.ofSeconds(5), e);
        }
    }

    private void acquireSlot() {
        if (slots.tryAcquire()) {
            return;
        }
        try {
            if (waiting.incrementAndGet() > settings.queue()) {
                throw shed("its queue is full (" + settings.queue() + " waiting)");
            }
            if (!slots.tryAcquire(settings.queueTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                throw shed("no slot within " + settings.queueTimeout().toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw shed("interrupted while queued");
        } finally {
            waiting.decrementAndGet();
        }
    }

    private ServiceUnavailable shed(String why) {
        return new ServiceUnavailable(service + ": call shed, " + why, false, SHED_RETRY_AFTER, null);
    }

    private static boolean countsAgainstBreaker(Throwable failure) {
        return failure instanceof ServiceUnavailable unavailable && unavailable.infrastructure();
    }

    /** While a trial call decides, waits for it; true when the breaker closed (worth another try). */
    private boolean awaitTrialOutcome(long giveUpNanos) {
        synchronized (this) {
            try {
                while (state == CircuitBreakerState.HALF_OPEN) {
                    long left = giveUpNanos - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return state == CircuitBreakerState.CLOSED;
        }
    }

    private void stateChanged(CircuitBreakerState next) {
        synchronized (this) {
            state = next;
            notifyAll();
        }
        if (next == CircuitBreakerState.OPEN) {
            LOG.warnf("Circuit breaker for %s opened: calls fail at once for %d ms", service,
                    settings.breaker().delay().toMillis());
        } else {
            LOG.infof("Circuit breaker for %s is %s", service, next);
        }
    }
}
