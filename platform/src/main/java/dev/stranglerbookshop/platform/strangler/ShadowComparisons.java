package dev.stranglerbookshop.platform.strangler;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Shadow mode's verdicts, recorded the same way for every capability and in every service: each comparison of the
 * monolith's answer with the service's (both normalised to flat field maps by the capability) is counted as
 * {@code strangler_shadow_total{capability,operation,outcome=match|mismatch|error}} and put on the current span
 * ({@code strangler.shadow.outcome}); a mismatch is logged once, with the trace id and the differing fields.
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

    private static final Logger LOG = Logger.getLogger(ShadowComparisons.class);
    /** A field's value in the log is cut here: answers can hold long or hostile text. */
    private static final int MAX_LOGGED_VALUE = 120;

    private final MeterRegistry meters;

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
            LOG.warnf("Shadow mismatch on %s %s (trace %s): %s", capability, operation, traceId(),
                    String.join("; ", differences));
        }
        return outcome;
    }

    /** One side could not answer at all: nothing to compare. */
    public void failed(String capability, String operation, Throwable failure) {
        record(capability, operation, Outcome.ERROR);
        LOG.warnf("Shadow comparison of %s %s failed (trace %s): %s", capability, operation, traceId(), failure);
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

    private static String traceId() {
        return Span.current().getSpanContext().getTraceId();
    }

    private static String shown(Object value) {
        String text = String.valueOf(value);
        return text.length() <= MAX_LOGGED_VALUE ? text : text.substring(0, MAX_LOGGED_VALUE) + "...";
    }
}
