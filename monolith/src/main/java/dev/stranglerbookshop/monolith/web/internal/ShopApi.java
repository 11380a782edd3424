package dev.stranglerbookshop.monolith.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The pages' only way into the shop: its public API, over HTTP, as any client. Every call carries the visitor's token
 * (bearer), address ({@code X-Forwarded-For}, honoured from loopback only, so sign-in throttling still sees the
 * visitor, not this process) and the page's trace context (W3C {@code traceparent}), and has a deadline
 * ({@code bookshop.web.api-timeout}). Never throws for an HTTP answer: a problem is an {@link ApiAnswer} like any other.
 */
@ApplicationScoped
public class ShopApi {

    /** Reads the API's answers leniently: a field the API adds later must not break a page. */
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Logger LOG = Logger.getLogger(ShopApi.class);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final TextMapPropagator propagator;
    private final Duration timeout;

    ShopApi(OpenTelemetry telemetry, WebSettings settings) {
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
        this.timeout = settings.apiTimeout();
    }

    /** {@code GET path?query}; query entries with a null or blank value are left out. */
    public ApiAnswer get(Caller caller, String path, Map<String, ?> query) {
        return exchange(caller, "GET", path + queryString(query), null, Map.of());
    }

    /** A write: {@code body} is sent as JSON (none when null); {@code headers} add to the usual ones. */
    public ApiAnswer send(Caller caller, String method, String path, Object body, Map<String, String> headers) {
        return exchange(caller, method, path, body, headers);
    }

    /** Reads an answer's body as {@code type}; the API's JSON shapes are its public contract. */
    public static <T> T read(JsonNode body, Class<T> type) {
        try {
            return JSON.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The API answered a " + type.getSimpleName() + " this page cannot read", e);
        }
    }

    /** Reads a page of the API's list answers ({@code {items, page, size, total}}) with items of {@code type}. */
    public static <T> Views.Listing<T> readListing(JsonNode body, Class<T> type) {
        try {
            return JSON.readerFor(JSON.getTypeFactory().constructParametricType(Views.Listing.class, type))
                    .readValue(body);
        } catch (IOException e) {
            throw new IllegalStateException("The API answered a page of " + type.getSimpleName()
                    + " this page cannot read", e);
        }
    }

    private ApiAnswer exchange(Caller caller, String method, String pathAndQuery, Object body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(caller.api().resolve(pathAndQuery)).timeout(timeout)
                .header("Accept", "application/json, application/problem+json");
        if (caller.token() != null) {
            request.header("Authorization", "Bearer " + caller.token());
        }
        if (caller.clientAddress() != null) {
            request.header("X-Forwarded-For", caller.clientAddress());
        }
        headers.forEach(request::header);
        propagator.inject(Context.current(), request, (builder, key, value) -> builder.header(key, value));
        try {
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ApiAnswer(response.statusCode(), parse(response.body()));
        } catch (HttpTimeoutException e) {
            return ApiAnswer.unreachable("The shop did not answer within " + timeout.toSeconds()
                    + " s; please try again shortly.");
        } catch (IOException e) {
            LOG.warnf("API call %s %s failed: %s", method, pathAndQuery, e.toString());
            return ApiAnswer.unreachable("The shop is not answering; please try again shortly.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiAnswer.unreachable("The request was interrupted.");
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    static String queryString(Map<String, ?> query) {
        StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((key, value) -> {
            if (value != null && !value.toString().isBlank()) {
                joined.add(URLEncoder.encode(key, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return joined.toString();
    }

    /**
     * On whose behalf a call is made.
     *
     * @param api           the API's base address
     * @param token         the visitor's bearer token; null when signed out
     * @param clientAddress the visitor's address, for throttling; null for the process's own calls
     */
    public record Caller(URI api, String token, String clientAddress) {
    }
}
