package dev.stranglerbookshop.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rejects a request whose declared body exceeds {@code quarkus.http.limits.max-body-size} with a 413 problem document
 * before anything reads it (the HTTP layer's own limit stays as the backstop for bodies without a length).
 */
@ApplicationScoped
public class BodySizeLimit {

    void install(@Observes Router router, ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        String detail = "The request body must not exceed " + limit.asLongValue() + " bytes.";
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length, limit.asLongValue())) {
                String body; // written per request: it carries this request's trace id, like every problem
                try {
                    body = json.writeValueAsString(Problem.of(413, "payload-too-large", "Request body too large",
                            detail));
                } catch (JsonProcessingException impossible) {
                    throw new IllegalStateException(impossible);
                }
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(body);
            } else {
                ctx.next();
            }
        });
    }

    private static boolean tooLong(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer rejects a malformed Content-Length itself
        }
    }
}
