package dev.stranglerbookshop.auth.tracing;

import dev.stranglerbookshop.proto.auth.v1.AuthService;
import dev.stranglerbookshop.proto.auth.v1.RegisterRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A gRPC call's trace reaches the database: server span → accounts.register → SQL spans. */
@QuarkusTest
class DatabaseSpansTest {

    @GrpcClient("auth")
    AuthService auth;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void registeringShowsTheInsertUnderTheServerSpan() {
        spans.reset();
        auth.register(RegisterRequest.newBuilder().setEmail("traced-" + UUID.randomUUID() + "@example.org")
                .setPassword("correct horse battery").setDisplayName("Traced").build()).await().atMost(Duration.ofSeconds(10));

        SpanData insert = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> "postgresql".equals(s.getAttributes().get(AttributeKey.stringKey("db.system")))
                        && s.getName().toUpperCase().contains("INSERT")
                        && !s.toString().contains("login_attempts") // another test's login, exported late
                        && !s.getParentSpanId().equals(SpanId.getInvalid())) // Flyway's inserts at start have no parent
                .findFirst().orElse(null), s -> s != null);
        // The enclosing spans end after the INSERT's: wait until they are exported too.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, SpanData> byId = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(insert.getTraceId()))
                    .collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
            List<SpanData> chain = ancestors(insert, byId);
            assertThat(chain).extracting(SpanData::getName).contains("accounts.register");
            assertThat(chain).anySatisfy(s -> {
                assertThat(s.getKind()).isEqualTo(SpanKind.SERVER);
                assertThat(s.getName()).endsWith("AuthService/Register");
            });
        });
    }

    private static List<SpanData> ancestors(SpanData span, Map<String, SpanData> byId) {
        List<SpanData> chain = new java.util.ArrayList<>();
        for (SpanData parent = byId.get(span.getParentSpanId()); parent != null;
                parent = byId.get(parent.getParentSpanId())) {
            chain.add(parent);
        }
        return chain;
    }
}
