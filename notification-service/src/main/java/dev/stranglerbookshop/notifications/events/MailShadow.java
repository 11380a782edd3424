package dev.stranglerbookshop.notifications.events;

import dev.stranglerbookshop.notifications.mail.RenderedMail;
import dev.stranglerbookshop.platform.strangler.ShadowComparisons;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/**
 * Shadow mode for notifications: the monolith sent the mail; this service renders its own in a dry run and compares
 * recipient, subject and body digest with what the monolith recorded in the event's headers (a missing header differs).
 * Counted like every shadow comparison, {@code strangler_shadow_total{capability="notifications",operation=<kind>}}.
 */
@ApplicationScoped
public class MailShadow {

    private final ShadowComparisons comparisons;

    MailShadow(ShadowComparisons comparisons) {
        this.comparisons = comparisons;
    }

    void compare(NotificationEvent event, RenderedMail wouldSend) {
        NotificationEvent.Expected expected = event.expected();
        Map<String, Object> sent = new HashMap<>();
        sent.put("recipient", expected == null ? null : expected.recipient());
        sent.put("subject", expected == null ? null : expected.subject());
        sent.put("body", expected == null ? null : expected.bodySha256());
        comparisons.compare("notifications", event.kind(), sent, Map.of("recipient", wouldSend.recipient(),
                "subject", wouldSend.subject(), "body", ShadowComparisons.sha256(wouldSend.body())));
    }
}
