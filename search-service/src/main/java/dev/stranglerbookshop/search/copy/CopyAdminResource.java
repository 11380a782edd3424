package dev.stranglerbookshop.search.copy;

import dev.stranglerbookshop.platform.grpc.StatusProblems;
import dev.stranglerbookshop.platform.problem.ProblemException;
import io.grpc.StatusRuntimeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * The operator's handles on the own index (stage 4), on this service's HTTP port, which only the internal network
 * reaches (no gateway routes to it). {@code deploy/search-copy.sh} is the command that calls them.
 * <ul>
 *   <li>{@code POST /admin/copy/backfill[?maxPages=N]}: starts (or resumes) the {@link Backfill} in the background;
 *       202 with the checkpoint. 409 problem when one is running here (one on another replica fails the run:
 *       see the GET).</li>
 *   <li>{@code GET /admin/copy/backfill}: the checkpoint, plus the last run's failure if it failed; 404 problem
 *       before the first run.</li>
 *   <li>{@code GET /admin/copy/reconciliation}: a {@link Reconciliation#check}, answered when done.</li>
 *   <li>{@code POST /admin/copy/reconciliation/repair}: a {@link Reconciliation#repair}.</li>
 *   <li>{@code GET /admin/copy/lag}: the {@link IndexLag} figures.</li>
 * </ul>
 * Each answers 409 problem where the copy is off ({@code bookshop.search.copy.enabled=false}: before stage 4 there is
 * no own index to fill); when the catalog fails, 503 problem (unavailable, with {@code Retry-After}), 504 (no answer
 * within {@code bookshop.search.copy.backfill.page-deadline}) or 502 (any other failure).
 */
@Path("/admin/copy")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class CopyAdminResource {

    private final Backfill backfill;
    private final BackfillRunner runner;
    private final Reconciliation reconciliation;
    private final IndexLag lag;
    private final boolean enabled;

    CopyAdminResource(Backfill backfill, BackfillRunner runner, Reconciliation reconciliation, IndexLag lag,
            @ConfigProperty(name = "bookshop.search.copy.enabled") boolean enabled) {
        this.backfill = backfill;
        this.runner = runner;
        this.reconciliation = reconciliation;
        this.lag = lag;
        this.enabled = enabled;
    }

    /** The figures of {@link IndexLag}: seconds and records, NaN as null when unknown. */
    public record Lag(Double seconds, Double records) {
    }

    /** A backfill's checkpoint, whether one runs here, and, when the last run here failed, why. */
    public record BackfillState(Backfill.Progress progress, boolean running, String lastFailure) {
    }

    @POST
    @Path("/backfill")
    public Response startBackfill(@QueryParam("maxPages") Integer maxPages) {
        requireEnabled();
        if (maxPages != null && maxPages < 1) {
            throw ProblemException.invalid("maxPages", "must be at least 1 (leave it out to run to the end)");
        }
        if (!runner.start(Optional.ofNullable(maxPages))) {
            throw new ProblemException(409, "backfill-running", "A backfill is running",
                    "Follow it at GET /admin/copy/backfill");
        }
        return Response.accepted(new BackfillState(backfill.progress().orElse(null), true, null)).build();
    }

    /** @return the checkpoint (null while a first run has not checkpointed yet); 404 problem before any run */
    @GET
    @Path("/backfill")
    public BackfillState backfill() {
        requireEnabled();
        Backfill.Progress progress = backfill.progress().orElse(null);
        if (progress == null && !runner.running() && runner.lastFailure() == null) {
            throw ProblemException.notFound("backfill run");
        }
        return new BackfillState(progress, runner.running(), runner.lastFailure());
    }

    @GET
    @Path("/reconciliation")
    public Reconciliation.Report reconciliation() {
        requireEnabled();
        return catalogCall(reconciliation::check);
    }

    @POST
    @Path("/reconciliation/repair")
    public Reconciliation.Report repair() {
        requireEnabled();
        return catalogCall(reconciliation::repair);
    }

    @GET
    @Path("/lag")
    public Lag lag() {
        requireEnabled();
        return new Lag(known(lag.seconds()), known(lag.records()));
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new ProblemException(409, "copy-off", "The own index is off",
                    "This search-service reads the monolith's search projection (stage 3); the copy, its backfill "
                            + "and reconciliation run from stage 4 (bookshop.search.copy.enabled=true)");
        }
    }

    /**
     * The catalog's failures as this endpoint's: the operator's request was fine whatever the catalog answered, so
     * unavailable → 503 with {@code Retry-After}, no answer within the deadline → 504, anything else → 502.
     */
    private static <T> T catalogCall(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            String detail = "The catalog (monolith, CatalogService) answered " + e.getStatus().getCode()
                    + (StatusProblems.description(e).isEmpty() ? "" : ": " + StatusProblems.description(e));
            throw switch (e.getStatus().getCode()) {
                case UNAVAILABLE, CANCELLED -> ProblemException.serviceUnavailable(detail, Duration.ofSeconds(5));
                case DEADLINE_EXCEEDED -> new ProblemException(504, "catalog-timeout", "The catalog did not answer in time",
                        detail);
                default -> new ProblemException(502, "catalog-failed", "The catalog failed", detail);
            };
        }
    }

    private static Double known(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
