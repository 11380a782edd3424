package dev.stranglerbookshop.notifications.inbox;

import com.google.protobuf.Timestamp;
import dev.stranglerbookshop.platform.grpc.CallerDeadline;
import dev.stranglerbookshop.proto.notifications.v1.InboxService;
import dev.stranglerbookshop.proto.notifications.v1.ListInboxRequest;
import dev.stranglerbookshop.proto.notifications.v1.ListInboxResponse;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import java.util.UUID;

/** The {@code bookshop.notifications.v1.InboxService} contract: validated on the event loop, read on a worker. */
@GrpcService
public class InboxGrpcService implements InboxService {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;
    /** The monolith's limit too; far beyond it page * size would overflow the row offset. */
    static final int MAX_PAGE = 100_000;

    private final CallerDeadline caller;

    InboxGrpcService(CallerDeadline caller) {
        this.caller = caller;
    }

    @Override
    public Uni<ListInboxResponse> listInbox(ListInboxRequest request) {
        UUID userId;
        try {
            userId = UUID.fromString(request.getUserId());
        } catch (IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT.withDescription("user_id must be a UUID").asRuntimeException();
        }
        int size = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw Status.INVALID_ARGUMENT.withDescription("page_size must be 1.." + MAX_PAGE_SIZE).asRuntimeException();
        }
        if (request.getPage() < 0 || request.getPage() > MAX_PAGE) {
            throw Status.INVALID_ARGUMENT.withDescription("page must be 0.." + MAX_PAGE).asRuntimeException();
        }
        return caller.offload("inbox", () -> page(userId, request.getPage(), size));
    }

    private static ListInboxResponse page(UUID userId, int page, int size) {
        var query = Notification.<Notification>find("userId", Sort.descending("createdAt").and("id"), userId);
        ListInboxResponse.Builder response = ListInboxResponse.newBuilder().setTotal(query.count());
        query.page(Page.of(page, size)).list().forEach(n -> response.addNotifications(toMessage(n)));
        return response.build();
    }

    private static dev.stranglerbookshop.proto.notifications.v1.Notification toMessage(Notification n) {
        return dev.stranglerbookshop.proto.notifications.v1.Notification.newBuilder()
                .setId(n.id.toString())
                .setUserId(n.userId.toString())
                .setKind(n.kind)
                .setSubject(n.subject)
                .setBody(n.body)
                .setCreatedAt(Timestamp.newBuilder().setSeconds(n.createdAt.getEpochSecond()).setNanos(n.createdAt.getNano()))
                .setSourceEventId(n.sourceEventId.toString())
                .build();
    }
}
