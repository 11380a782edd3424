package dev.stranglerbookshop.monolith.notifications.internal;

import dev.stranglerbookshop.monolith.migration.StrangledCall;
import dev.stranglerbookshop.monolith.migration.StranglerSeam;
import dev.stranglerbookshop.monolith.shared.Page;
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
import java.util.UUID;

import static dev.stranglerbookshop.topology.Capability.NOTIFICATIONS;

@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "notifications", description = "Your inbox: welcome, order confirmations, shipping notices")
public class NotificationResource {

    private final JsonWebToken token;
    private final StranglerSeam seam;
    private final Inbox module;
    private final InboxServiceClient service;

    NotificationResource(JsonWebToken token, StranglerSeam seam, Inbox module, InboxServiceClient service) {
        this.token = token;
        this.seam = seam;
        this.module = module;
        this.service = service;
    }

    /**
     * The caller's inbox, newest first. Read where the caller's mail is recorded: the same key as the delivery
     * decision, so a canary user reads notification-service's inbox. Shadow mode compares mails as they are sent
     * (notification-service), not here. 503 when the service route cannot reach notification-service: never a stale
     * or partial inbox.
     */
    @GET
    public Page<NotificationView> inbox(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        UUID user = UUID.fromString(token.getSubject());
        return seam.run(StrangledCall.<Page<NotificationView>>of(NOTIFICATIONS, "inbox", user.toString())
                .monolith(() -> module.page(user, page, size))
                .service(() -> service.list(user, page, size))
                .unavailable("Your inbox is temporarily unavailable; please try again shortly."));
    }

    public record NotificationView(UUID id, NotificationKind kind, String subject, String body, Instant createdAt) {
    }
}
