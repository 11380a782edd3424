package dev.stranglerbookshop.platform.grpc;

import dev.stranglerbookshop.platform.problem.ProblemException;
import dev.stranglerbookshop.platform.strangler.StranglerMetrics;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.AbstractStub;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The breaker's gauge, {@code strangler_breaker_state{service}}, follows the breaker through its states. */
class ServiceCallsTest {

    private static final Duration DELAY = Duration.ofMillis(300);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ServiceCalls calls = new ServiceCalls("test-service", new Settings(), StatusProblems.standard(),
            meters);
    private final Stub stub = new Stub();
    private final AtomicInteger reached = new AtomicInteger();

    @Test
    void theGaugeSaysClosedThenOpenThenHalfOpenAfterTheDelayThenClosedAgain() throws Exception {
        assertThat(gauge()).as("closed").isEqualTo(0.0);
        for (int i = 0; i < 4; i++) { // the window is 4 calls; half of them failing opens it
            assertThatThrownBy(() -> calls.call(stub, failing(Status.UNAVAILABLE)))
                    .isInstanceOf(ServiceUnavailable.class);
        }
        assertThat(calls.breakerState()).isEqualTo(BreakerState.OPEN);
        assertThat(gauge()).as("open").isEqualTo(2.0);
        assertThatThrownBy(() -> calls.call(stub, failing(Status.UNAVAILABLE))).isInstanceOf(ServiceUnavailable.class)
                .hasMessageContaining("circuit breaker");
        assertThat(reached).as("the open breaker refused the fifth call itself").hasValue(4);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (gauge() != 1.0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(gauge()).as("half-open once the delay has passed, before any call").isEqualTo(1.0);

        String answer = calls.call(stub, s -> answering());
        assertThat(answer).isEqualTo("answer");
        assertThat(calls.breakerState()).isEqualTo(BreakerState.CLOSED);
        assertThat(gauge()).as("closed by the successful trial").isEqualTo(0.0);
    }

    @Test
    void answersAboutTheRequestLeaveItClosed() {
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> calls.call(stub, failing(Status.INVALID_ARGUMENT)))
                    .isInstanceOf(ProblemException.class);
        }
        assertThat(reached).hasValue(10);
        assertThat(gauge()).isEqualTo(0.0);
    }

    @Test
    void gaugeValuesReadBackAsStates() {
        for (BreakerState state : BreakerState.values()) {
            assertThat(BreakerState.ofGauge(state.gauge())).contains(state);
        }
        assertThat(BreakerState.HALF_OPEN.key()).isEqualTo("half_open");
        assertThat(BreakerState.ofGauge(Double.NaN)).as("a gauge whose object is gone").isEmpty();
    }

    private double gauge() {
        Gauge gauge = meters.find(StranglerMetrics.BREAKER).tag(StranglerMetrics.SERVICE, "test-service").gauge();
        assertThat(gauge).as("registered when the calls are made").isNotNull();
        return gauge.value();
    }

    private Function<Stub, String> failing(Status status) {
        return s -> {
            reached.incrementAndGet();
            throw status.asRuntimeException();
        };
    }

    private String answering() {
        reached.incrementAndGet();
        return "answer";
    }

    /** A stub whose calls never use its channel: the test's functions answer or fail in its place. */
    private static final class Stub extends AbstractStub<Stub> {
        Stub() {
            this(new Channel() {
                @Override
                public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
                    throw new UnsupportedOperationException("no channel in this test");
                }

                @Override
                public String authority() {
                    return "test-service";
                }
            }, CallOptions.DEFAULT);
        }

        private Stub(Channel channel, CallOptions options) {
            super(channel, options);
        }

        @Override
        protected Stub build(Channel channel, CallOptions options) {
            return new Stub(channel, options);
        }
    }

    /** 4 calls in flight, a 4-call window of which half failing opens the breaker for {@link #DELAY}. */
    private static final class Settings implements ServiceCallSettings {
        @Override
        public Duration deadline() {
            return Duration.ofSeconds(1);
        }

        @Override
        public int concurrency() {
            return 4;
        }

        @Override
        public int queue() {
            return 4;
        }

        @Override
        public Duration queueTimeout() {
            return Duration.ofMillis(100);
        }

        @Override
        public Breaker breaker() {
            return new Breaker() {
                @Override
                public int requestVolume() {
                    return 4;
                }

                @Override
                public double failureRatio() {
                    return 0.5;
                }

                @Override
                public Duration delay() {
                    return DELAY;
                }
            };
        }
    }
}
