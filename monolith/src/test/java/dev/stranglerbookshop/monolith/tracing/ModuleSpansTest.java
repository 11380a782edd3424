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
        spans.reset();

        String orderId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("bookId", book, "quantity", 1))))
                .post("/api/orders").then().statusCode(201).extract().path("id");

        SpanData place = await().atMost(Duration.ofSeconds(10)).until(() -> named("ordering.placeOrder"),
                Optional::isPresent).get();
        SpanData request = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(place.getTraceId()))
                .findFirst().orElseThrow();
        SpanData reserve = named("catalog.reserveStock").orElseThrow();
        SpanData send = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("notifications.send") && s.getTraceId().equals(place.getTraceId()))
                .findFirst(), Optional::isPresent).get();

        assertThat(request.getName()).isEqualTo("POST /api/orders");
        assertThat(place.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(reserve.getParentSpanId()).isEqualTo(place.getSpanId());
        assertThat(send.getTraceId()).isEqualTo(request.getTraceId());
        for (SpanData span : List.of(request, place, reserve, send)) {
            assertThat(span.getAttributes().get(STAGE)).as(span.getName()).isEqualTo(0L);
        }
        assertThat(orderId).isNotBlank();
    }

    private Optional<SpanData> named(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst();
    }
}
