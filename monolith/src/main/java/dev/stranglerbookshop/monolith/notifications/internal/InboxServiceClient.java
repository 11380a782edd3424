package dev.stranglerbookshop.monolith.notifications.internal;

import dev.stranglerbookshop.monolith.migration.MigrationSettings;
import dev.stranglerbookshop.monolith.shared.Page;
import dev.stranglerbookshop.platform.grpc.ServiceCalls;
import dev.stranglerbookshop.platform.grpc.StatusProblems;
import dev.stranglerbookshop.proto.notifications.v1.InboxServiceGrpc;
import dev.stranglerbookshop.proto.notifications.v1.ListInboxRequest;
import dev.stranglerbookshop.topology.Capability;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A user's inbox from notification-service ({@code inbox.proto}), when the router sends notifications there.
 * Deadline, bulkhead and breaker: {@code bookshop.migration.calls.notifications.*}.
 */
@ApplicationScoped
class InboxServiceClient {

    private final InboxServiceGrpc.InboxServiceBlockingStub stub;
    private final ServiceCalls calls;

    InboxServiceClient(@GrpcClient("inbox") InboxServiceGrpc.InboxServiceBlockingStub stub,
            MigrationSettings settings, MeterRegistry meters) {
        this.stub = stub;
        this.calls = new ServiceCalls(Capability.NOTIFICATIONS.service().name(), settings.calls().notifications(),
                StatusProblems.standard(), meters);
    }

    Page<NotificationResource.NotificationView> list(UUID userId, int page, int size) {
        var response = calls.call(stub, s -> s.listInbox(ListInboxRequest.newBuilder().setUserId(userId.toString())
                .setPage(page).setPageSize(size).build()));
        List<NotificationResource.NotificationView> items = response.getNotificationsList().stream()
                .map(n -> new NotificationResource.NotificationView(UUID.fromString(n.getId()),
                        NotificationKind.valueOf(n.getKind()), n.getSubject(), n.getBody(),
                        Instant.ofEpochSecond(n.getCreatedAt().getSeconds(), n.getCreatedAt().getNanos())
                                .truncatedTo(ChronoUnit.MICROS)))
                .toList();
        return new Page<>(items, page, size, response.getTotal());
    }
}
