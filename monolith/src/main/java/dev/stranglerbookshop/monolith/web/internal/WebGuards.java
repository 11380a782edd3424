package dev.stranglerbookshop.monolith.web.internal;

import dev.stranglerbookshop.platform.problem.Problem;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * What every page answer gets, written once:
 * <ul>
 *   <li>A write to a page is a form ({@code application/x-www-form-urlencoded}) or 415: quarkus-rest-csrf checks the
 *       token of forms only (JSON requests are the bearer-token API's), so a bodiless or otherwise typed POST must
 *       not reach a page's handler unchecked.</li>
 *   <li>An error answered before a page's handler ran (a refused CSRF token: 400 with no body; the platform's
 *       problem documents for bad text, oversized bodies, wrong methods) is shown as a page, with its status.</li>
 *   <li>Security headers: a content security policy allowing only this site's own scripts and styles, no framing,
 *       no MIME sniffing, no referrer to other sites.</li>
 * </ul>
 */
public class WebGuards {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final PageSupport pages;

    WebGuards(PageSupport pages) {
        this.pages = pages;
    }

    @ServerRequestFilter
    public Response onlyFormsWrite(ContainerRequestContext request) {
        if (isPage(request.getUriInfo().getPath()) && HttpMethod.POST.equals(request.getMethod())
                && (request.getMediaType() == null
                || !MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType()))) {
            return PageSupport.render(415, Pages.message(pages.chrome(null), "Not a form",
                    "This address takes the shop's own forms only."));
        }
        return null;
    }

    @ServerResponseFilter
    public void pagesAnswerPages(ContainerRequestContext request, ContainerResponseContext response) {
        if (!isPage(request.getUriInfo().getPath())) {
            return;
        }
        response.getHeaders().putSingle("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().putSingle("X-Frame-Options", "DENY");
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        response.getHeaders().putSingle("Referrer-Policy", "same-origin");
        if (response.getStatus() < 400) {
            return;
        }
        if (response.getEntity() instanceof Problem problem) {
            String trace = problem.traceId() == null ? "" : " (reference " + problem.traceId() + ")";
            page(response, problem.title(), (problem.detail() == null ? "" : problem.detail()) + trace);
        } else if (!response.hasEntity()) {
            boolean form = request.getMediaType() != null
                    && MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType());
            page(response, form ? "This form has expired" : "This request could not be read", form
                    ? "The form was not sent from a page of this shop in this browser, or it is too old. Go back, "
                    + "reload the page and try again."
                    : "Go back to the shop and try again.");
        }
    }

    private void page(ContainerResponseContext response, String heading, String text) {
        response.setEntity(Pages.message(pages.chrome(null), heading, text).render(), null,
                MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    private static boolean isPage(String path) {
        return path.equals("/") || path.startsWith("/shop") || path.startsWith("/admin/");
    }
}
