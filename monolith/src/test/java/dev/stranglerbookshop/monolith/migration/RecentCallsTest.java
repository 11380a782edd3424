package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.topology.Capability;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RecentCallsTest {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    private final RecentCalls recent = new RecentCalls();

    @Test
    void aCallIsKeptWithItsSideFallbackAndTrace() {
        Instant before = Instant.now();
        try (Scope ignored = Span.wrap(SpanContext.create(TRACE, "b7ad6b7169203331", TraceFlags.getSampled(),
                TraceState.getDefault())).makeCurrent()) {
            recent.record(Capability.AUTH, "login", Side.SERVICE, true);
        }
        List<RecentCalls.RecentCall> calls = recent.newestFirst(Capability.AUTH);
        assertThat(calls).hasSize(1);
        RecentCalls.RecentCall call = calls.get(0);
        assertThat(call.operation()).isEqualTo("login");
        assertThat(call.side()).isEqualTo("service");
        assertThat(call.fallback()).isTrue();
        assertThat(call.traceId()).isEqualTo(TRACE);
        assertThat(call.at()).isBetween(before, Instant.now());
        assertThat(recent.newestFirst(Capability.SEARCH)).as("kept per capability").isEmpty();
    }

    @Test
    void keepsTheLastTenNewestFirstAndNoTraceOutsideOne() {
        for (int i = 1; i <= 12; i++) {
            recent.record(Capability.SEARCH, "call" + i, i % 2 == 0 ? Side.SHADOW : Side.MONOLITH, false);
        }
        List<RecentCalls.RecentCall> calls = recent.newestFirst(Capability.SEARCH);
        assertThat(calls).extracting(RecentCalls.RecentCall::operation).containsExactly("call12", "call11", "call10",
                "call9", "call8", "call7", "call6", "call5", "call4", "call3");
        assertThat(calls.get(0).side()).isEqualTo("shadow");
        assertThat(calls.get(0).traceId()).as("no span: null, not the all-zero id").isNull();
    }

    @Test
    void concurrentCallsOnEveryCapabilityKeepTenEach() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                Capability capability = Capability.values()[t % Capability.values().length];
                running.add(threads.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        recent.record(capability, "op", Side.MONOLITH, false);
                        assertThat(recent.newestFirst(capability).size()).isLessThanOrEqualTo(RecentCalls.KEPT);
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
        for (Capability capability : Capability.values()) {
            assertThat(recent.newestFirst(capability)).hasSize(RecentCalls.KEPT);
        }
    }
}
