package dev.stranglerbookshop.monolith.notifications.internal;

import dev.stranglerbookshop.monolith.shared.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** The module's inbox: a user's notifications, newest first (ties broken by id, so pages never overlap). */
@ApplicationScoped
class Inbox {

    Page<NotificationResource.NotificationView> page(UUID user, int page, int size) {
        var query = Notification.find("userId", Sort.descending("createdAt").and("id"), user);
        List<NotificationResource.NotificationView> items = query.page(page, size).<Notification>list().stream()
                .map(n -> new NotificationResource.NotificationView(n.id, n.kind, n.subject, n.body, n.createdAt))
                .toList();
        return new Page<>(items, page, size, query.count());
    }
}
