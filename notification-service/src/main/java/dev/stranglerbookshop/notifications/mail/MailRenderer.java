package dev.stranglerbookshop.notifications.mail;

import dev.stranglerbookshop.notifications.events.NotificationEvent;
import io.quarkus.qute.Engine;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/**
 * Renders the mail for an event from the Qute templates in {@code templates/mail/} (copies of the monolith's, so
 * both sides write the same words: shadow mode compares them).
 */
@ApplicationScoped
public class MailRenderer {

    private final Engine templates;

    MailRenderer(Engine templates) {
        this.templates = templates;
    }

    public RenderedMail render(NotificationEvent event) {
        var template = templates.getTemplate("mail/" + event.kind().toLowerCase(Locale.ROOT).replace('_', '-'));
        var instance = template.instance();
        event.data().forEach(instance::data);
        return new RenderedMail(event.recipient(), event.subject(), instance.render());
    }
}
