package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.platform.strangler.RecentRing;
import dev.stranglerbookshop.platform.telemetry.TraceIds;
import dev.stranglerbookshop.topology.Capability;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The last {@value #KEPT} strangled calls of each capability in this process, newest first, for the migration panel:
 * which side served each one and the trace to look it up by. Recorded by the {@link StranglerSeam} on every call, so
 * a record is one small object and a short lock; nothing is kept beyond the last few.
 */
@ApplicationScoped
public class RecentCalls {

    /** Calls kept per capability. */
    public static final int KEPT = 10;

    /**
     * One strangled call.
     *
     * @param at        when it ended (its answer or problem given)
     * @param operation the call ({@code search}, {@code login}...)
     * @param side      {@code monolith}, {@code service} or {@code shadow}: where the router sent it (a shadow route's
     *                  call without a shadow counterpart is {@code monolith})
     * @param fallback  true when it was sent to the service as a canary, the service could not answer and the module
     *                  answered instead ({@code side} stays {@code service})
     * @param traceId   the request's trace (32 hex digits), null outside any trace
     */
    public record RecentCall(Instant at, String operation, String side, boolean fallback, String traceId) {
    }

    // Filled once here and only read afterwards: safe to share without a lock.
    private final Map<Capability, RecentRing<RecentCall>> calls = new EnumMap<>(Capability.class);

    RecentCalls() {
        for (Capability capability : Capability.values()) {
            calls.put(capability, new RecentRing<>(KEPT));
        }
    }

    /** Keeps a call that just ended, with the current span's trace id. */
    void record(Capability capability, String operation, Side side, boolean fallback) {
        calls.get(capability).add(new RecentCall(Instant.now(), operation, side.key(), fallback, TraceIds.current()));
    }

    /** @return the capability's last {@value #KEPT} calls at most, newest first */
    List<RecentCall> newestFirst(Capability capability) {
        return calls.get(capability).newestFirst();
    }
}
