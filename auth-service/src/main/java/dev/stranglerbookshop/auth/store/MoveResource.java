package dev.stranglerbookshop.auth.store;

import dev.stranglerbookshop.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import io.smallrye.common.annotation.Blocking;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The operator's handles on the accounts move, on this service's HTTP port, which only the internal network reaches
 * (no gateway routes to it). {@code deploy/accounts-move.sh} is the command that calls them.
 * <ul>
 *   <li>{@code GET /admin/accounts/move}: the phase, where reads go and which store is the record.</li>
 *   <li>{@code POST /admin/accounts/move/sync[?limit=N]}: an {@link AccountsMove#sync}, answered when done.</li>
 *   <li>{@code GET /admin/accounts/move/verify}: an {@link AccountsMove#verify}, answered when done.</li>
 * </ul>
 * {@code sync} and {@code verify} answer 409 problem in a phase that writes one store only, 400 for a limit below 1,
 * 503 problem with {@code Retry-After} when a database fails (what a sync committed stays: run it again).
 */
@Path("/admin/accounts/move")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Blocking
public class MoveResource {

    private final Stores stores;
    private final AccountStore store;

    MoveResource(Stores stores, AccountStore store) {
        this.stores = stores;
        this.store = store;
    }

    /** @param phase the {@link MovePhase} label; {@code readsFrom} and {@code recordIn} are {@code legacy} or {@code own} */
    public record State(String phase, String readsFrom, String recordIn, boolean moving) {
    }

    @GET
    public State state() {
        return new State(store.phase().label(), store.readsFrom(), store.recordIn(), store.phase().writesBoth());
    }

    @POST
    @Path("/sync")
    public AccountsMove.SyncReport sync(@QueryParam("limit") Long limit) {
        if (limit != null && limit < 1) {
            throw ProblemException.invalid("limit", "must be at least 1 (leave it out to copy everything)");
        }
        return databaseCall(() -> move().sync(limit == null ? OptionalLong.empty() : OptionalLong.of(limit)));
    }

    @GET
    @Path("/verify")
    public AccountsMove.VerifyReport verify() {
        return databaseCall(() -> move().verify());
    }

    private AccountsMove move() {
        if (!stores.phase().writesBoth()) {
            throw new ProblemException(409, "accounts-not-moving", "No accounts move in progress",
                    AccountsMove.notMoving(stores.phase()));
        }
        return stores.move();
    }

    private static <T> T databaseCall(Supplier<T> call) {
        try {
            return call.get();
        } catch (AccountStoreException e) {
            throw ProblemException.serviceUnavailable(e.getMessage(), Duration.ofSeconds(5));
        }
    }
}
