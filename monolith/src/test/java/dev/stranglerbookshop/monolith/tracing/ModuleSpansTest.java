package dev.stranglerbookshop.monolith.tracing;

import dev.stranglerbookshop.monolith.Shop;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request's trace shows the modules it crossed, as spans named {@code <module>.<operation>}: when a module is
 * extracted, the same span moves to another service and the trace shows it.
 */
@QuarkusTest
class ModuleSpansTest {

    private static final AttributeKey<Long> STAGE = AttributeKey.longKey("migration.stage");

    @Inject
    InMemorySpanExporter spans;

    @Test
    void placingAnOrderShowsOrderingCatalogAndNotificationSpansUnderTheRequest() {
        String token = Shop.customer("tracer");
        String book = Shop.book("The Traced Book", "a book about footprints", 5);
        // Spans are exported in batches: earlier tests' spans may still arrive, so only look at spans started now.
        since = java.time.Instant.now().toEpochMilli() * 1_000_000;

        String orderId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("bookId", book, "quantity", 1))))
                .post("/api/orders").then().statusCode(201).extract().path("id");

        SpanData place = await().atMost(Duration.ofSeconds(10)).until(() -> named("ordering.placeOrder"),
                Optional::isPresent).get();
        SpanData request = await().atMost(Duration.ofSeconds(10)).until(() -> recent().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(place.getTraceId()))
                .findFirst(), Optional::isPresent).get();
        SpanData reserve = await().atMost(Duration.ofSeconds(10)).until(() -> named("catalog.reserveStock"),
                Optional::isPresent).get();
        SpanData send = await().atMost(Duration.ofSeconds(10))
                .alias("notifications.send in trace " + place.getTraceId() + "; all sends: " + sends())
                .until(() -> sends().stream().filter(s -> s.getTraceId().equals(place.getTraceId())).findFirst(),
                        Optional::isPresent).get();

        assertThat(request.getName()).isEqualTo("POST /api/orders");
        assertThat(place.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(reserve.getParentSpanId()).isEqualTo(place.getSpanId());
        assertThat(send.getTraceId()).isEqualTo(request.getTraceId());
        for (SpanData span : List.of(request, place, reserve, send)) {
            assertThat(span.getAttributes().get(STAGE)).as(span.getName()).isEqualTo(0L);
        }
        assertThat(orderId).isNotBlank();
    }

    private long since;

    private List<SpanData> recent() {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getStartEpochNanos() >= since).toList();
    }

    private List<SpanData> sends() {
        return recent().stream().filter(s -> s.getName().equals("notifications.send")).toList();
    }

    private Optional<SpanData> named(String name) {
        return recent().stream().filter(s -> s.getName().equals(name)).findFirst();
    }
}
