package dev.stranglerbookshop.monolith.web.internal;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.NewCookie;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One page request: who asks (the session cookie's token, verified here exactly as the API verifies bearer tokens),
 * where the API is, and the one-line notice the previous page left (after a redirect).
 * <p>
 * The session is the API's own token in an HttpOnly, SameSite=Lax cookie: no script can read it (nothing in
 * localStorage), other sites' forms cannot send it, and every form that writes also carries a CSRF token
 * (quarkus-rest-csrf, double-submit cookie). A session lasts as long as the token ({@code bookshop.auth.token-lifetime},
 * 10 minutes): then the visitor signs in again.
 */
@RequestScoped
public class Visit {

    static final String SESSION_COOKIE = "bookshop_session";
    static final String NOTICE_COOKIE = "bookshop_notice";
    /** A notice is read on the very next page; it must not linger if that page never comes. */
    private static final Duration NOTICE_LIFETIME = Duration.ofSeconds(30);
    private static final int MAX_NOTICE_LENGTH = 200;

    private final RoutingContext routing;
    private final WebSettings settings;
    private final Visitor visitor;

    Visit(RoutingContext routing, JWTCallerPrincipalFactory tokens, JWTAuthContextInfo verification,
            WebSettings settings) {
        this.routing = routing;
        this.settings = settings;
        this.visitor = verified(routing.request().getCookie(SESSION_COOKIE), tokens, verification);
    }

    private static Visitor verified(Cookie cookie, JWTCallerPrincipalFactory tokens, JWTAuthContextInfo verification) {
        if (cookie == null || cookie.getValue().isBlank()) {
            return Visitor.ANONYMOUS;
        }
        try {
            JsonWebToken token = tokens.parse(cookie.getValue(), verification);
            String name = token.getClaim("name");
            return new Visitor(name != null ? name : token.getName(), token.getName(),
                    token.getGroups().contains("admin"), cookie.getValue());
        } catch (ParseException | RuntimeException e) {
            // Expired, forged or signed by a key no longer trusted: the visitor is simply signed out.
            return Visitor.ANONYMOUS;
        }
    }

    public Visitor visitor() {
        return visitor;
    }

    /** The API, on behalf of this visitor. */
    public ShopApi.Caller caller() {
        return new ShopApi.Caller(api(), visitor.token(), routing.request().remoteAddress().hostAddress());
    }

    /** The API's base address: configured, or this very server over loopback. */
    public URI api() {
        return settings.apiUrl().orElseGet(() -> URI.create("http://127.0.0.1:"
                + routing.request().localAddress().port()));
    }

    /** The CSRF token quarkus-rest-csrf put on this request (its filter runs first); null when it put none. */
    public String csrfToken() {
        Object token = routing.get("csrf_token");
        return token == null ? null : token.toString();
    }

    /** Takes the notice the previous page left; null when there is none (or it is not one this shop wrote). */
    public String takeNotice() {
        Cookie cookie = routing.request().getCookie(NOTICE_COOKIE);
        if (cookie == null) {
            return null;
        }
        routing.response().addCookie(Cookie.cookie(NOTICE_COOKIE, "").setPath("/").setMaxAge(0));
        String text;
        try {
            text = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException planted) {
            return null; // cookies are shared by every port of the host: another site may have written this one
        }
        return text.length() > MAX_NOTICE_LENGTH ? text.substring(0, MAX_NOTICE_LENGTH) : text;
    }

    /** A notice for the next page (e.g. "Order placed"), shown once in its status line. */
    public NewCookie notice(String text) {
        return cookie(NOTICE_COOKIE, URLEncoder.encode(text, StandardCharsets.UTF_8), NOTICE_LIFETIME);
    }

    /** The session cookie holding {@code token} for {@code lifetime}. */
    public NewCookie session(String token, Duration lifetime) {
        return cookie(SESSION_COOKIE, token, lifetime);
    }

    /** Removes the session cookie. */
    public NewCookie endSession() {
        return cookie(SESSION_COOKIE, "", Duration.ZERO);
    }

    private NewCookie cookie(String name, String value, Duration lifetime) {
        return new NewCookie.Builder(name).value(value).path("/").maxAge((int) lifetime.toSeconds()).httpOnly(true)
                .secure(settings.secureCookies()).sameSite(NewCookie.SameSite.LAX).build();
    }
}
