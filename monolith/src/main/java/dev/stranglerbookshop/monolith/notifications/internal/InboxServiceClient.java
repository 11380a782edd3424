package dev.stranglerbookshop.monolith.notifications.internal;

import dev.stranglerbookshop.monolith.shared.Page;
import dev.stranglerbookshop.proto.notifications.v1.InboxServiceGrpc;
import dev.stranglerbookshop.proto.notifications.v1.ListInboxRequest;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A user's inbox from notification-service (stage 2+, when the router sends notifications there). Deadline on every
 * call, and a circuit breaker so a dead service costs nothing per request; the caller turns any failure into a 503.
 */
@ApplicationScoped
class InboxServiceClient {

    private final InboxServiceGrpc.InboxServiceBlockingStub stub;
    private final Duration deadline;

    InboxServiceClient(@GrpcClient("inbox") InboxServiceGrpc.InboxServiceBlockingStub stub,
            @ConfigProperty(name = "bookshop.migration.notifications.deadline", defaultValue = "PT2S") Duration deadline) {
        this.stub = stub;
        this.deadline = deadline;
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 2, delayUnit = ChronoUnit.SECONDS)
    Page<NotificationResource.NotificationView> list(UUID userId, int page, int size) {
        var response = stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .listInbox(ListInboxRequest.newBuilder().setUserId(userId.toString()).setPage(page)
                        .setPageSize(size).build());
        List<NotificationResource.NotificationView> items = response.getNotificationsList().stream()
                .map(n -> new NotificationResource.NotificationView(UUID.fromString(n.getId()),
                        NotificationKind.valueOf(n.getKind()), n.getSubject(), n.getBody(),
                        Instant.ofEpochSecond(n.getCreatedAt().getSeconds(), n.getCreatedAt().getNanos())
                                .truncatedTo(ChronoUnit.MICROS)))
                .toList();
        return new Page<>(items, page, size, response.getTotal());
    }
}
