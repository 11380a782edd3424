package dev.stranglerbookshop.platform.strangler;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Shadow verdicts: counted in a real registry, and the last mismatches of each capability kept for the panel. */
class ShadowComparisonsTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ShadowComparisons shadows = new ShadowComparisons(meters);

    @Test
    void aMismatchIsCountedAndKeptWithItsTraceAndDifferences() {
        Instant before = Instant.now();
        try (Scope ignored = traced()) {
            assertThat(shadows.compare("search", "search", Map.of("total", 0), Map.of("total", 1, "hit[0]", "x")))
                    .isEqualTo(ShadowComparisons.Outcome.MISMATCH);
        }
        assertThat(shadows.count("search", "search", ShadowComparisons.Outcome.MISMATCH)).isEqualTo(1);
        List<ShadowComparisons.Mismatch> kept = shadows.lastMismatches("search");
        assertThat(kept).hasSize(1);
        ShadowComparisons.Mismatch mismatch = kept.get(0);
        assertThat(mismatch.operation()).isEqualTo("search");
        assertThat(mismatch.traceId()).isEqualTo(TRACE);
        assertThat(mismatch.at()).isBetween(before, Instant.now());
        assertThat(mismatch.differences()).containsExactly("total: monolith=0 service=1",
                "hit[0]: monolith=<absent> service=x");
        assertThat(shadows.lastMismatches("auth")).as("kept per capability").isEmpty();
    }

    @Test
    void matchesAndErrorsAreCountedButNotKept() {
        shadows.compare("auth", "login", Map.of("role", "customer"), Map.of("role", "customer"));
        shadows.failed("auth", "login", new IllegalStateException("down"));
        assertThat(shadows.count("auth", "login", ShadowComparisons.Outcome.MATCH)).isEqualTo(1);
        assertThat(shadows.count("auth", "login", ShadowComparisons.Outcome.ERROR)).isEqualTo(1);
        assertThat(shadows.lastMismatches("auth")).isEmpty();
    }

    @Test
    void keepsTheLastFiveNewestFirstWithValuesCutAndNoTraceOutsideOne() {
        for (int i = 1; i <= 7; i++) {
            shadows.compare("auth", "op" + i, Map.of("name", "m"), Map.of("name", "s".repeat(200)));
        }
        List<ShadowComparisons.Mismatch> kept = shadows.lastMismatches("auth");
        assertThat(kept).extracting(ShadowComparisons.Mismatch::operation)
                .containsExactly("op7", "op6", "op5", "op4", "op3");
        assertThat(kept.get(0).traceId()).as("no span: no trace id, not the all-zero one").isNull();
        assertThat(kept.get(0).differences()).containsExactly("name: monolith=m service=" + "s".repeat(120) + "...");
    }

    @Test
    void concurrentMismatchesKeepAtMostFive() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                running.add(threads.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        shadows.compare("search", "search", Map.of("total", 0), Map.of("total", i));
                        assertThat(shadows.lastMismatches("search").size()).isLessThanOrEqualTo(5);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : running) {
                writer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(shadows.lastMismatches("search")).hasSize(5);
        // Each thread's first comparison (total 0 against 0) matches: 4 of the 8000.
        assertThat(shadows.count("search", "search", ShadowComparisons.Outcome.MISMATCH)).isEqualTo(8_000 - 4);
    }

    private static Scope traced() {
        return Span.wrap(SpanContext.create(TRACE, "00f067aa0ba902b7", TraceFlags.getSampled(),
                TraceState.getDefault())).makeCurrent();
    }
}
