package dev.stranglerbookshop.monolith.web.internal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The pages' templates ({@code templates/web/*.html}), type-checked against these parameters when the build runs. */
@CheckedTemplate(basePath = "web")
final class Pages {

    private Pages() {
    }

    static native TemplateInstance catalog(Views.Chrome chrome, String heading, Views.Listing<Views.Book> books,
            Views.Form search, String pageLink);

    static native TemplateInstance book(Views.Chrome chrome, Views.Book book, Views.Form form, String idempotencyKey);

    static native TemplateInstance register(Views.Chrome chrome, Views.Form form);

    static native TemplateInstance signIn(Views.Chrome chrome, Views.Form form, String next);

    static native TemplateInstance orders(Views.Chrome chrome, Views.Listing<Views.Order> orders, String pageLink);

    static native TemplateInstance inbox(Views.Chrome chrome, Views.Listing<Views.Message> messages, String pageLink);

    static native TemplateInstance message(Views.Chrome chrome, String heading, String text);

    static native TemplateInstance panel(Views.Chrome chrome, Panel.View panel);

    /** One capability's live figures: part of the panel, also sent alone by the panel's event stream. */
    static native TemplateInstance figures(Panel.Figures figures);

    /** The outbox's figures (stage 2+): part of the panel, also sent alone by the panel's event stream. */
    static native TemplateInstance outbox(Panel.Outbox outbox);
}
