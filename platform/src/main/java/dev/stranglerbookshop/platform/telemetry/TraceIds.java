package dev.stranglerbookshop.platform.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** The trace an answer, a log line or a recorded figure belongs to, so that an operator can look it up. */
public final class TraceIds {

    private TraceIds() {
    }

    /**
     * @return the current span's trace id (32 lower-case hex digits), or null outside any trace (OpenTelemetry's
     *         all-zero invalid id is never returned: it names no trace)
     */
    public static String current() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
