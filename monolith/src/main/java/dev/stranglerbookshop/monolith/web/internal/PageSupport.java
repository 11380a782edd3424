package dev.stranglerbookshop.monolith.web.internal;

import dev.stranglerbookshop.platform.stage.MigrationStage;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** What every page handler does the same way: the frame around a page, rendering with a status, redirects. */
@RequestScoped
public class PageSupport {

    private final Visit visit;
    private final MigrationStage stage;

    PageSupport(Visit visit, MigrationStage stage) {
        this.visit = visit;
        this.stage = stage;
    }

    Visit visit() {
        return visit;
    }

    Views.Chrome chrome(String alert) {
        return new Views.Chrome(visit.visitor(), visit.takeNotice(), alert, stage.current().number(),
                stage.current().label(), visit.csrfToken());
    }

    /** The page as HTML with {@code status} (a page showing a problem carries the problem's status). */
    static Response render(int status, TemplateInstance page, NewCookie... cookies) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render())
                .cookie(cookies).build();
    }

    /**
     * 303 See Other: after a form, the browser GETs the next page (a reload does not post twice). The location stays
     * relative, never built from the request's Host header.
     */
    static Response redirect(String path, NewCookie... cookies) {
        return Response.status(Response.Status.SEE_OTHER).header("Location", path).cookie(cookies).build();
    }

    /** To the sign-in page, which comes back to {@code next} afterwards. */
    static Response signInFirst(String next) {
        return redirect("/shop/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    /** A page saying what went wrong, with the problem's status and its trace id to quote. */
    Response problemPage(ApiAnswer answer, String heading) {
        String trace = answer.traceId().isEmpty() ? "" : " (reference " + answer.traceId() + ")";
        return render(answer.status() >= 400 ? answer.status() : 502,
                Pages.message(chrome(null), heading, answer.message() + trace));
    }

    /**
     * Where to go after signing in: only a path of this site ({@code /shop/orders}), never another origin
     * ({@code //evil.example}, {@code https://...}), which would make the sign-in page an open redirect.
     */
    static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/shop";
        }
        try {
            URI target = new URI(next);
            // A path with nothing else: no scheme, no host; and what a browser would send back (no raw spaces etc.).
            return target.getScheme() == null && target.getRawAuthority() == null ? next : "/shop";
        } catch (java.net.URISyntaxException notAPath) {
            return "/shop";
        }
    }
}
