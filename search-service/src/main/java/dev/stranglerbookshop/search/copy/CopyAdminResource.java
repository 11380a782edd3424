package dev.stranglerbookshop.search.copy;

import dev.stranglerbookshop.platform.grpc.StatusProblems;
import dev.stranglerbookshop.platform.problem.ProblemException;
import io.grpc.StatusRuntimeException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

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
 * no own index to fill), 503/504 problem when the catalog does not answer (the gRPC status mapped as everywhere).
 */
@Path("/admin/copy")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class CopyAdminResource {

    private static final Logger LOG = Logger.getLogger(CopyAdminResource.class);

    private final Backfill backfill;
    private final Reconciliation reconciliation;
    private final IndexLag lag;
    private final boolean enabled;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "search-backfill");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean();

    CopyAdminResource(Backfill backfill, Reconciliation reconciliation, IndexLag lag,
            @ConfigProperty(name = "bookshop.search.copy.enabled") boolean enabled) {
        this.backfill = backfill;
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
        if (!running.compareAndSet(false, true)) {
            throw new ProblemException(409, "backfill-running", "A backfill is running",
                    "Follow it at GET /admin/copy/backfill");
        }
        lastFailure.set(null);
        runner.submit(() -> {
            try {
                backfill.run(Optional.ofNullable(maxPages));
            } catch (RuntimeException e) { // Backfill.Busy (another replica), the catalog or the database failing
                lastFailure.set(e.getMessage());
                LOG.warnf("Backfill stopped: %s (the next run resumes after the last checkpointed page)", e.toString());
            } finally {
                running.set(false);
            }
        });
        return Response.accepted(new BackfillState(backfill.progress().orElse(null), true, null)).build();
    }

    @GET
    @Path("/backfill")
    public BackfillState backfill() {
        requireEnabled();
        return new BackfillState(backfill.progress().orElseThrow(() -> ProblemException.notFound("backfill run")),
                running.get(), lastFailure.get());
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

    private static <T> T catalogCall(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            throw StatusProblems.standard().toProblem(e);
        }
    }

    private static Double known(double value) {
        return Double.isNaN(value) ? null : value;
    }

    void stop(@Observes ShutdownEvent stopped) {
        runner.shutdownNow();
    }
}
