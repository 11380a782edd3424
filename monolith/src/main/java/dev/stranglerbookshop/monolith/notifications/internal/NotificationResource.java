package dev.stranglerbookshop.monolith.notifications.internal;

import dev.stranglerbookshop.monolith.migration.Capability;
import dev.stranglerbookshop.monolith.migration.Side;
import dev.stranglerbookshop.monolith.migration.StranglerRouter;
import dev.stranglerbookshop.monolith.outbox.Outbox;
import dev.stranglerbookshop.monolith.shared.Page;
import dev.stranglerbookshop.platform.problem.ProblemException;
import io.grpc.StatusRuntimeException;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "notifications", description = "Your inbox: welcome, order confirmations, shipping notices")
public class NotificationResource {

    private final JsonWebToken token;
    private final StranglerRouter router;
    private final Outbox outbox;
    private final InboxServiceClient service;

    NotificationResource(JsonWebToken token, StranglerRouter router, Outbox outbox, InboxServiceClient service) {
        this.token = token;
        this.router = router;
        this.outbox = outbox;
        this.service = service;
    }

    @GET
    public Page<NotificationView> inbox(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        UUID user = UUID.fromString(token.getSubject());
        // The same key as the delivery decision, so a canary user reads the inbox where their mail was recorded.
        if (outbox.enabled() && router.side(Capability.NOTIFICATIONS, user.toString()) == Side.SERVICE) {
            try {
                return service.list(user, page, size);
            } catch (StatusRuntimeException | CircuitBreakerOpenException | TimeoutException e) {
                // Never a stale or partial inbox: the client is told to come back.
                throw ProblemException.serviceUnavailable(
                        "Your inbox is temporarily unavailable; please try again shortly.");
            }
        }
        var query = Notification.find("userId", Sort.descending("createdAt").and("id"), user);
        List<NotificationView> items = query.page(page, size).<Notification>list().stream()
                .map(n -> new NotificationView(n.id, n.kind, n.subject, n.body, n.createdAt)).toList();
        return new Page<>(items, page, size, query.count());
    }

    public record NotificationView(UUID id, NotificationKind kind, String subject, String body, Instant createdAt) {
    }
}
