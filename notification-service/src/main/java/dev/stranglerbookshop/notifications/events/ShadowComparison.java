package dev.stranglerbookshop.notifications.events;

import dev.stranglerbookshop.notifications.mail.RenderedMail;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Shadow mode: the monolith sent the mail; this service renders its own in a dry run and compares recipient, subject
 * and body digest with what the monolith recorded in the event's headers. Counted as
 * {@code strangler_shadow_total{capability="notifications",operation=<kind>,outcome}}, the same counter the monolith
 * keeps for auth; a mismatch is logged with the differing fields (never the body).
 */
@ApplicationScoped
public class ShadowComparison {

    private static final Logger LOG = Logger.getLogger(ShadowComparison.class);

    private final MeterRegistry meters;

    ShadowComparison(MeterRegistry meters) {
        this.meters = meters;
    }

    void compare(NotificationEvent event, RenderedMail wouldSend) {
        NotificationEvent.Expected expected = event.expected();
        List<String> differences = new ArrayList<>();
        if (expected == null || !Objects.equals(expected.recipient(), wouldSend.recipient())) {
            differences.add("recipient");
        }
        if (expected == null || !Objects.equals(expected.subject(), wouldSend.subject())) {
            differences.add("subject");
        }
        if (expected == null || !Objects.equals(expected.bodySha256(), sha256(wouldSend.body()))) {
            differences.add("body");
        }
        String outcome = differences.isEmpty() ? "match" : "mismatch";
        meters.counter("strangler.shadow", "capability", "notifications", "operation", event.kind(),
                "outcome", outcome).increment();
        Span.current().setAttribute("strangler.shadow.outcome", outcome);
        if (!differences.isEmpty()) {
            LOG.warnf("Shadow mismatch for %s %s (trace %s): %s differ", event.type(), event.eventId(),
                    Span.current().getSpanContext().getTraceId(), differences);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
