package dev.stranglerbookshop.platform.strangler;

import dev.stranglerbookshop.platform.telemetry.TraceIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shadow mode's verdicts, recorded the same way for every capability and in every service: each comparison of the
 * monolith's answer with the service's (both normalised to flat field maps by the capability) is counted as
 * {@code strangler_shadow_total{capability,operation,outcome=match|mismatch|error}} and put on the current span
 * ({@code strangler.shadow.outcome}); a mismatch is logged once, with the trace id and the differing fields, and the
 * last {@value #KEPT_MISMATCHES} of each capability are kept in memory for the migration panel
 * ({@link #lastMismatches}).
 */
@ApplicationScoped
public class ShadowComparisons {

    /** How a comparison ended. */
    public enum Outcome {
        MATCH, MISMATCH, ERROR;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One comparison whose answers differed, as the log line says it.
     *
     * @param at          when it was compared
     * @param operation   the call compared ({@code search}, {@code login}...)
     * @param traceId     the trace of the request that ran both sides (32 hex digits), null outside any trace
     * @param differences one line per differing field, {@code field: monolith=... service=...}, each value cut at
     *                    120 characters
     */
    public record Mismatch(Instant at, String operation, String traceId, List<String> differences) {
    }

    /** Mismatches kept per capability: enough to see what differs now, too few to hold anyone's data for long. */
    public static final int KEPT_MISMATCHES = 5;

    private static final Logger LOG = Logger.getLogger(ShadowComparisons.class);
    /** A field's value in the log is cut here: answers can hold long or hostile text. */
    private static final int MAX_LOGGED_VALUE = 120;

    private final MeterRegistry meters;
    private final Map<String, RecentRing<Mismatch>> mismatches = new ConcurrentHashMap<>();

    ShadowComparisons(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * Compares two normalised answers field by field (a field missing on one side differs).
     *
     * @return MATCH or MISMATCH, as counted
     */
    public Outcome compare(String capability, String operation, Map<String, ?> monolith, Map<String, ?> service) {
        List<String> differences = new ArrayList<>();
        Set<String> fields = new LinkedHashSet<>(monolith.keySet());
        fields.addAll(service.keySet());
        for (String field : fields) {
            Object left = monolith.containsKey(field) ? monolith.get(field) : "<absent>";
            Object right = service.containsKey(field) ? service.get(field) : "<absent>";
            if (!Objects.equals(left, right)) {
                differences.add(field + ": monolith=" + shown(left) + " service=" + shown(right));
            }
        }
        Outcome outcome = differences.isEmpty() ? Outcome.MATCH : Outcome.MISMATCH;
        record(capability, operation, outcome);
        if (outcome == Outcome.MISMATCH) {
            String traceId = TraceIds.current();
            LOG.warnf("Shadow mismatch on %s %s (trace %s): %s", capability, operation, traceId,
                    String.join("; ", differences));
            mismatches.computeIfAbsent(capability, key -> new RecentRing<>(KEPT_MISMATCHES))
                    .add(new Mismatch(Instant.now(), operation, traceId, List.copyOf(differences)));
        }
        return outcome;
    }

    /** One side could not answer at all: nothing to compare. */
    public void failed(String capability, String operation, Throwable failure) {
        record(capability, operation, Outcome.ERROR);
        LOG.warnf("Shadow comparison of %s %s failed (trace %s): %s", capability, operation, TraceIds.current(),
                failure);
    }

    /**
     * @param capability as given to {@link #compare} ({@code auth}, {@code search}...)
     * @return its last {@value #KEPT_MISMATCHES} mismatches at most, newest first, since this process started
     */
    public List<Mismatch> lastMismatches(String capability) {
        RecentRing<Mismatch> kept = mismatches.get(capability);
        return kept == null ? List.of() : kept.newestFirst();
    }

    public long count(String capability, String operation, Outcome outcome) {
        return (long) meters.counter(StranglerMetrics.SHADOW, StranglerMetrics.CAPABILITY, capability,
                StranglerMetrics.OPERATION, operation, StranglerMetrics.OUTCOME, outcome.tag()).count();
    }

    private void record(String capability, String operation, Outcome outcome) {
        meters.counter(StranglerMetrics.SHADOW, StranglerMetrics.CAPABILITY, capability, StranglerMetrics.OPERATION,
                operation, StranglerMetrics.OUTCOME, outcome.tag()).increment();
        Span.current().setAttribute(StranglerMetrics.SHADOW_ATTRIBUTE, outcome.tag());
    }

    /**
     * A digest to compare a long answer (a mail body) without shipping or logging it: SHA-256 of its UTF-8 bytes, as
     * lower-case hex.
     */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static String shown(Object value) {
        String text = String.valueOf(value);
        return text.length() <= MAX_LOGGED_VALUE ? text : text.substring(0, MAX_LOGGED_VALUE) + "...";
    }
}
