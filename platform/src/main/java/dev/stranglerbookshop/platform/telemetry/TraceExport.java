package dev.stranglerbookshop.platform.telemetry;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Chooses where spans go, at run time, from the same jar: OTLP by default (compose, Kubernetes), Zipkin format when
 * {@code bookshop.tracing.exporter=zipkin} (the no-Docker local stack, whose trace backend is the Zipkin server jar).
 * Quarkus drops its own OTLP exporter whenever a {@link SpanExporter} bean resolves, so this bean only resolves when
 * asked for.
 */
@Singleton
public class TraceExport {

    @Produces
    @Singleton
    @LookupIfProperty(name = "bookshop.tracing.exporter", stringValue = "zipkin")
    SpanExporter zipkin(@ConfigProperty(name = "bookshop.tracing.zipkin-endpoint",
            defaultValue = "http://127.0.0.1:9411/api/v2/spans") String endpoint) {
        return ZipkinSpanExporter.builder()
                .setEndpoint(endpoint)
                .setReadTimeout(Duration.ofSeconds(5))
                .build();
    }
}
