package dev.stranglerbookshop.monolith.web.internal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** {@code bookshop.web.*}: how the pages reach the API, link to traces and drive demo traffic. */
@ConfigMapping(prefix = "bookshop.web")
public interface WebSettings {

    /**
     * The public API the pages call. Default: this process itself over loopback ({@code http://127.0.0.1:<the port the
     * page was requested on>}), so the pages follow whatever port the server got.
     */
    Optional<URI> apiUrl();

    /**
     * Deadline of one API call made for a page: above the API's own worst case (a sign-in may queue up to 5 s, then
     * take its 2 s deadline), so the API, not this client, decides what a slow dependency answers.
     */
    @WithDefault("PT10S")
    Duration apiTimeout();

    /**
     * The trace UI's address of one trace, {@code {traceId}} standing for its 32 hex digits: Zipkin in the local stack,
     * Jaeger in Compose and Kubernetes.
     */
    @WithDefault("http://127.0.0.1:9411/zipkin/traces/{traceId}")
    String traceLink();

    /** Whether the session cookie is sent over HTTPS only: turn on wherever the shop is served over TLS. */
    @WithDefault("false")
    boolean secureCookies();

    /** The panel's "demo traffic" switch. */
    DemoTrafficSettings demoTraffic();

    /** A bounded mix of browse, search, sign-in and order calls over loopback, which stops by itself. */
    interface DemoTrafficSettings {

        /** How long one run lasts. */
        @WithDefault("PT60S")
        Duration duration();

        /** Calls per second, 1 to 20: enough to move the counters, far below what would disturb a demo machine. */
        @WithDefault("5")
        int rate();
    }
}
