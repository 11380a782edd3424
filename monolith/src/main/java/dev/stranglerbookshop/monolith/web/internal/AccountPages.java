package dev.stranglerbookshop.monolith.web.internal;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Register, sign in, sign out. Both forms post to the API's own endpoints (through the strangler seam, so at stage 1+
 * auth-service answers) and keep the token it issues in the session cookie ({@link Visit}).
 */
@Path("/shop")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class AccountPages {

    private final ShopApi api;
    private final PageSupport pages;

    AccountPages(ShopApi api, PageSupport pages) {
        this.api = api;
        this.pages = pages;
    }

    @GET
    @Path("register")
    @Operation(hidden = true)
    public Response registerForm() {
        return PageSupport.render(200, Pages.register(pages.chrome(null), Views.Form.EMPTY));
    }

    /** Registers, then signs in with the same password: 303 to the shop with a welcome, or the form with its errors. */
    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response register(@FormParam("displayName") String displayName, @FormParam("email") String email,
            @FormParam("password") String password) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("displayName", displayName == null ? "" : displayName);
        typed.put("email", email == null ? "" : email);
        Map<String, String> body = new LinkedHashMap<>(typed);
        body.put("password", password == null ? "" : password);
        ApiAnswer registered = api.send(pages.visit().caller(), "POST", "/api/auth/register", body, Map.of());
        if (!registered.ok()) {
            return formAgain(registered, typed, true);
        }
        return signIn(typed.get("email"), body.get("password"), "/shop", "Welcome, "
                + registered.body().path("displayName").asText(typed.get("displayName")) + ".");
    }

    @GET
    @Path("sign-in")
    @Operation(hidden = true)
    public Response signInForm(@QueryParam("next") String next) {
        return PageSupport.render(200, Pages.signIn(pages.chrome(null), Views.Form.EMPTY, PageSupport.localPath(next)));
    }

    /** 303 to {@code next} (a path of this site only) with the session cookie, or the form with its error. */
    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signIn(@FormParam("email") String email, @FormParam("password") String password,
            @FormParam("next") String next) {
        return signIn(email == null ? "" : email, password == null ? "" : password, PageSupport.localPath(next),
                "Signed in.");
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signOut() {
        return PageSupport.redirect("/shop", pages.visit().endSession(), pages.visit().notice("Signed out."));
    }

    private Response signIn(String email, String password, String next, String notice) {
        ApiAnswer answer = api.send(pages.visit().caller(), "POST", "/api/auth/login",
                Map.of("email", email, "password", password), Map.of());
        if (!answer.ok()) {
            Map<String, String> typed = Map.of("email", email, "next", next);
            return formAgain(answer, typed, false);
        }
        String token = answer.body().path("accessToken").asText();
        Duration lifetime = Duration.ofSeconds(answer.body().path("expiresIn").asLong(600));
        return PageSupport.redirect(next, pages.visit().session(token, lifetime), pages.visit().notice(notice));
    }

    /** The form again, as typed (never the password), with the API's problem: per field, or as one alert. */
    private Response formAgain(ApiAnswer answer, Map<String, String> typed, boolean registering) {
        Map<String, String> errors = answer.fieldErrors();
        String alert = errors.isEmpty() ? answer.message() : "Please correct the fields marked below.";
        Views.Form form = new Views.Form(typed, errors);
        return registering
                ? PageSupport.render(answer.status(), Pages.register(pages.chrome(alert), form))
                : PageSupport.render(answer.status(), Pages.signIn(pages.chrome(alert), form,
                        typed.getOrDefault("next", "/shop")));
    }
}
