package dev.stranglerbookshop.monolith.web.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A page's form the CSRF check refused (no token, or not the one in this browser's cookie: an old tab, or another
 * site's form) is answered 400 with an empty body by quarkus-rest-csrf. A person gets a page saying what to do.
 */
public class RefusedForms {

    private final PageSupport pages;

    RefusedForms(PageSupport pages) {
        this.pages = pages;
    }

    @ServerResponseFilter
    public void explain(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (response.getStatus() == 400 && !response.hasEntity()
                && (path.startsWith("/shop") || path.startsWith("/admin"))
                && MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())) {
            response.setEntity(Pages.message(pages.chrome(null), "This form has expired",
                    "The form was not sent from a page of this shop in this browser, or it is too old. Go back, "
                            + "reload the page and try again.").render(),
                    null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
    }
}
