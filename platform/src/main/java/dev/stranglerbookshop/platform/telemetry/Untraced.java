package dev.stranglerbookshop.platform.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * For background polling (outbox relay, mail retries): a loop that queries the database every few hundred
 * milliseconds would fill the trace backend with root database spans. Inside {@link #scope()} the current parent is
 * a span that is not sampled, so the (parent-based) sampler drops everything started under it. Work that belongs to
 * a real trace names its parent explicitly and is unaffected.
 */
public final class Untraced {

    private static final Context NOT_SAMPLED = Context.root().with(Span.wrap(SpanContext.create(
            "00000000000000000000000000000001", "0000000000000001", TraceFlags.getDefault(), TraceState.getDefault())));

    private Untraced() {
    }

    public static Scope scope() {
        return NOT_SAMPLED.makeCurrent();
    }
}
