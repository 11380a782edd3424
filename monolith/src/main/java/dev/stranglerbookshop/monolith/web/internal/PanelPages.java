package dev.stranglerbookshop.monolith.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stranglerbookshop.platform.stage.MigrationStage;
import dev.stranglerbookshop.topology.Capability;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The live migration panel (administrators only): the stage and its picture, each capability's route with a control
 * to change it (through {@code PUT /api/admin/migration}, so every instance follows and the change is audited), and
 * live figures pushed every second by server-sent events ({@code /admin/migration/events}). Without JavaScript the
 * page is a snapshot: reload for new figures.
 */
@Path("/admin/migration")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class PanelPages {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(PanelPages.class);

    /** The figures are pushed this often. */
    static final Duration TICK = Duration.ofSeconds(1);
    /** An open panel streams at most this long; the browser (htmx) then reconnects, checking the session again. */
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);

    private final ShopApi api;
    private final PageSupport pages;
    private final MigrationStage stage;
    private final DemoTraffic demo;
    private final WebSettings settings;

    PanelPages(ShopApi api, PageSupport pages, MigrationStage stage, DemoTraffic demo, WebSettings settings) {
        this.api = api;
        this.pages = pages;
        this.stage = stage;
        this.demo = demo;
        this.settings = settings;
    }

    @GET
    @Operation(hidden = true)
    public Response panel() {
        Response refused = refused();
        if (refused != null) {
            return refused;
        }
        ApiAnswer activity = activity(pages.visit().caller());
        if (!activity.ok()) {
            return pages.problemPage(activity, "The migration panel cannot be shown");
        }
        return PageSupport.render(200, Pages.panel(pages.chrome(null),
                Panel.of(stage.current(), activity.body(), settings.traceLink(), demo.status())));
    }

    /**
     * Server-sent events, one per second: {@code figures-<capability>} and {@code outbox}, each an HTML fragment the
     * page swaps in (htmx's SSE extension). 403 for anyone but an administrator.
     */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(hidden = true)
    public Multi<OutboundSseEvent> events(@Context Sse sse) {
        if (!pages.visit().visitor().admin()) {
            throw new jakarta.ws.rs.ForbiddenException();
        }
        ShopApi.Caller caller = pages.visit().caller(); // taken now: the request scope ends when streaming starts
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(TICK)
                .onOverflow().drop()
                .select().first(STREAM_LIFETIME)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> activity(caller))
                .select().where(ApiAnswer::ok)
                .onItem().transformToIterable(answer -> events(sse, answer.body()))
                // Our own failure is logged here and ends the stream; what still reaches RESTEasy's handler is a
                // client gone mid-stream, which it would log as ERROR (silenced in application.properties).
                .onFailure().invoke(e -> LOG.error("The migration panel's event stream failed", e))
                .onFailure().recoverWithCompletion();
    }

    private List<OutboundSseEvent> events(Sse sse, JsonNode activity) {
        List<OutboundSseEvent> events = new ArrayList<>();
        for (Capability capability : Capability.values()) {
            Panel.Figures figures = Panel.figures(capability.key(),
                    activity.path("capabilities").path(capability.key()), settings.traceLink());
            events.add(event(sse, "figures-" + capability.key(), Pages.figures(figures).render()));
        }
        events.add(event(sse, "outbox", Pages.outbox(Panel.outbox(activity.path("outbox"))).render()));
        return events;
    }

    /** SSE data cannot hold a bare line break; HTML does not need one. */
    private static OutboundSseEvent event(Sse sse, String name, String html) {
        return sse.newEventBuilder().name(name).data(html.replaceAll("\\s*\\R\\s*", " ")).build();
    }

    /** Changes one capability's route: 303 back to the panel with what happened, or the API's refusal. */
    @POST
    @Path("routes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response route(@FormParam("capability") String capability, @FormParam("route") String route,
            @FormParam("percent") String percent) {
        Response refused = refused();
        if (refused != null) {
            return refused;
        }
        String wanted = "canary".equals(route) ? "canary:" + (percent == null ? "" : percent) : route;
        ApiAnswer answer = api.send(pages.visit().caller(), "PUT", "/api/admin/migration",
                Map.of("routes", Map.of(capability == null ? "" : capability, wanted == null ? "" : wanted)),
                Map.of());
        if (!answer.ok()) {
            return pages.problemPage(answer, "The route was not changed");
        }
        return PageSupport.redirect("/admin/migration",
                pages.visit().notice(capability + " now routes " + answer.body().path("routes").path(capability)
                        .asText(wanted) + "."));
    }

    /** Starts a bounded run of demo traffic (or says one is running). */
    @POST
    @Path("demo-traffic")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response demoTraffic() {
        Response refused = refused();
        if (refused != null) {
            return refused;
        }
        boolean started = demo.start(pages.visit().api());
        return PageSupport.redirect("/admin/migration", pages.visit().notice(started
                ? "Demo traffic started: " + demo.status() + "."
                : "Demo traffic is already running: " + demo.status() + "."));
    }

    private ApiAnswer activity(ShopApi.Caller caller) {
        return api.get(caller, "/api/admin/migration/activity", Map.of());
    }

    /** Signed out: to sign-in and back. Signed in without the admin group: 403 with a page saying so. */
    private Response refused() {
        if (!pages.visit().visitor().signedIn()) {
            return PageSupport.signInFirst("/admin/migration");
        }
        if (!pages.visit().visitor().admin()) {
            return PageSupport.render(403, Pages.message(pages.chrome(null), "Administrators only",
                    "The migration panel is for administrators. Sign in with an administrator's account."));
        }
        return null;
    }
}
