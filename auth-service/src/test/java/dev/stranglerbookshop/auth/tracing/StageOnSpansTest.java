package dev.stranglerbookshop.auth.tracing;

import dev.stranglerbookshop.proto.auth.v1.AuthService;
import dev.stranglerbookshop.proto.auth.v1.GetUserRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class StageOnSpansTest {

    @GrpcClient("auth")
    AuthService auth;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theGrpcServerSpanNamesTheServiceAndCarriesTheStage() {
        spans.reset();
        // An unknown user: the answer is NOT_FOUND, and the span is recorded all the same.
        assertThatThrownBy(() -> auth.getUser(GetUserRequest.newBuilder().setUserId(UUID.randomUUID().toString())
                .build()).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));

        SpanData server = await().atMost(Duration.ofSeconds(10)).until(
                () -> spans.getFinishedSpanItems().stream()
                        .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().endsWith("AuthService/GetUser"))
                        .findFirst().orElse(null),
                s -> s != null);
        assertThat(server.getAttributes().get(AttributeKey.longKey("migration.stage"))).isEqualTo(0L);
        assertThat(server.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("auth-service");
        assertThat(server.getResource().getAttribute(AttributeKey.stringKey("migration.stage"))).isEqualTo("0");
    }
}
