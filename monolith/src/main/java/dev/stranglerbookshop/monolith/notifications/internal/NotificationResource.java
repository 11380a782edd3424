package dev.stranglerbookshop.monolith.notifications.internal;

import dev.stranglerbookshop.monolith.shared.Page;
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

    NotificationResource(JsonWebToken token) {
        this.token = token;
    }

    @GET
    public Page<NotificationView> inbox(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        UUID user = UUID.fromString(token.getSubject());
        var query = Notification.find("userId", Sort.descending("createdAt").and("id"), user);
        List<NotificationView> items = query.page(page, size).<Notification>list().stream()
                .map(n -> new NotificationView(n.id, n.kind, n.subject, n.body, n.createdAt)).toList();
        return new Page<>(items, page, size, query.count());
    }

    public record NotificationView(UUID id, NotificationKind kind, String subject, String body, Instant createdAt) {
    }
}
