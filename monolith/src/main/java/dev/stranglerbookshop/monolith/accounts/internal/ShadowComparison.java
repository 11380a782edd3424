package dev.stranglerbookshop.monolith.accounts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stranglerbookshop.monolith.accounts.UserView;
import dev.stranglerbookshop.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Shadow mode for auth: compares the module's answer with auth-service's after normalising what may legitimately
 * differ (ids and timestamps of a dry-run registration, token strings and signatures). Each comparison is counted,
 * {@code strangler_shadow_total{capability="auth",outcome=match|mismatch|error}}, and put on the current span; a
 * mismatch is logged with the trace id and the differing fields.
 */
@ApplicationScoped
public class ShadowComparison {

    private static final Logger LOG = Logger.getLogger(ShadowComparison.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MeterRegistry meters;

    ShadowComparison(MeterRegistry meters) {
        this.meters = meters;
    }

    /** What one side answered: a value, a client-facing problem, or a failure to answer at all. */
    public record Outcome(Object value, ProblemException problem, RuntimeException failure) {
        static Outcome of(Supplier<?> call) {
            try {
                return new Outcome(call.get(), null, null);
            } catch (ProblemException e) {
                return new Outcome(null, e, null);
            } catch (RuntimeException e) {
                return new Outcome(null, null, e);
            }
        }

        Object answer() {
            if (problem != null) {
                throw problem;
            }
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }

    public void compare(String operation, Outcome monolith, Outcome service) {
        String outcome;
        List<String> differences = new ArrayList<>();
        if (monolith.failure() != null || service.failure() != null) {
            outcome = "error";
        } else {
            Map<String, Object> left = normalise(monolith);
            Map<String, Object> right = normalise(service);
            left.forEach((field, value) -> {
                if (!Objects.equals(value, right.get(field))) {
                    differences.add(field + ": monolith=" + value + " service=" + right.get(field));
                }
            });
            right.keySet().stream().filter(f -> !left.containsKey(f))
                    .forEach(f -> differences.add(f + ": monolith=<absent> service=" + right.get(f)));
            outcome = differences.isEmpty() ? "match" : "mismatch";
        }
        meters.counter("strangler.shadow", "capability", "auth", "operation", operation, "outcome", outcome)
                .increment();
        Span span = Span.current();
        span.setAttribute("strangler.shadow.outcome", outcome);
        if ("mismatch".equals(outcome)) {
            LOG.warnf("Shadow mismatch on auth %s (trace %s): %s", operation, span.getSpanContext().getTraceId(),
                    String.join("; ", differences));
        } else if ("error".equals(outcome)) {
            RuntimeException failure = monolith.failure() != null ? monolith.failure() : service.failure();
            LOG.warnf("Shadow comparison of auth %s failed (trace %s): %s", operation,
                    span.getSpanContext().getTraceId(), failure.toString());
        }
    }

    public long count(String operation, String outcome) {
        return (long) meters.counter("strangler.shadow", "capability", "auth", "operation", operation,
                "outcome", outcome).count();
    }

    private static Map<String, Object> normalise(Outcome outcome) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (outcome.problem() != null) {
            fields.put("status", outcome.problem().status());
            fields.put("type", outcome.problem().toProblem().type());
        } else if (outcome.value() instanceof UserView user) {
            fields.put("email", user.email());
            fields.put("displayName", user.displayName());
            fields.put("role", user.role());
        } else if (outcome.value() instanceof TokenIssuer.TokenResponse token) {
            fields.put("tokenType", token.tokenType());
            fields.put("expiresIn", token.expiresIn());
            JsonNode claims = claims(token.accessToken());
            fields.put("sub", claims.path("sub").asText());
            fields.put("groups", claims.path("groups").toString());
            fields.put("iss", claims.path("iss").asText());
        }
        return fields;
    }

    /** The token's claims, unverified: only compared, never trusted. */
    private static JsonNode claims(String token) {
        try {
            String[] parts = token.split("\\.");
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
