package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.platform.problem.ProblemException;
import dev.stranglerbookshop.platform.stage.MigrationStage;
import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.Route;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The migration panel's API: the stage, each capability's route and live counters; routes change at run time. */
@Path("/api/admin/migration")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin") // the accounts module's Roles.ADMIN; the router depends on no module
@SecurityRequirement(name = "bearer")
@Tag(name = "migration", description = "The strangler router: stage, routes, counters (admin)")
public class MigrationResource {

    private final StranglerRouter router;
    private final MigrationStage stage;
    private final JsonWebToken token;
    private final MigrationActivity activity;

    MigrationResource(StranglerRouter router, MigrationStage stage, JsonWebToken token, MigrationActivity activity) {
        this.router = router;
        this.stage = stage;
        this.token = token;
        this.activity = activity;
    }

    @GET
    public MigrationState state() {
        Map<String, String> routes = new LinkedHashMap<>();
        Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
        router.routes().forEach((capability, route) -> {
            routes.put(capability.key(), route.toString());
            Map<String, Long> sides = new LinkedHashMap<>();
            for (Side side : Side.values()) {
                sides.put(side.key(), router.decisions(capability, side));
            }
            counters.put(capability.key(), sides);
        });
        return new MigrationState(stage.current().number(), stage.current().label(), routes, counters);
    }

    /**
     * Body: {@code {"routes": {"auth": "canary:25"}}}; capabilities not named keep their route. All or nothing: 400
     * (a field names the bad capability or route) or 409 (a capability not extracted at this stage) changes nothing.
     * Every monolith instance follows within a second, a restart keeps the change, and each change is audited
     * ({@code GET /api/admin/migration/changes}).
     */
    @PUT
    public MigrationState change(@NotNull RouteChange change) {
        if (change.routes() == null || change.routes().isEmpty()) {
            throw ProblemException.invalid("routes", "must name at least one capability");
        }
        Map<Capability, Route> routes = new EnumMap<>(Capability.class);
        change.routes().forEach((key, text) -> {
            try {
                routes.put(Capability.parse(key), Route.parse(text));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("routes." + key, e.getMessage());
            }
        });
        router.change(routes, token.getName());
        return state();
    }

    /**
     * The migration panel's live figures, meant to be polled (about once a second): per capability its route, this
     * process's calls by side, shadow outcomes and the last mismatches, canary fallbacks, its service's circuit
     * breaker and the last calls with their trace ids; and the outbox's backlog. Counts are this process's since it
     * started. 401 without a token, 403 for anyone but an admin (problem+json).
     */
    @GET
    @Path("/activity")
    @Operation(summary = "Live figures for the migration panel",
            description = "Every capability in a fixed order at every stage. Counts are this instance's since it "
                    + "started; lastMismatches (5) and recentCalls (10) are newest first, their values cut at 120 "
                    + "characters; breaker is closed, half_open, open or none (no client for the service here).")
    @APIResponse(responseCode = "200", description = "The figures now")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token is not an admin's")
    public MigrationActivity.Snapshot activity() {
        return activity.now();
    }

    /** The audit trail of route changes, newest first: who moved which capability from where to where, and when. */
    @GET
    @Path("/changes")
    public List<RouteStore.Change> changes(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(200) int limit) {
        return router.history(limit);
    }

    public record RouteChange(@NotEmpty Map<String, String> routes) {
    }

    public record MigrationState(int stage, String stageName, Map<String, String> routes,
            Map<String, Map<String, Long>> counters) {
    }
}
