package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.monolith.accounts.UserView;
import dev.stranglerbookshop.monolith.migration.Capability;
import dev.stranglerbookshop.monolith.migration.Route;
import dev.stranglerbookshop.monolith.migration.Side;
import dev.stranglerbookshop.monolith.migration.StranglerRouter;
import dev.stranglerbookshop.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * The seam where auth is strangled: register and login go to the accounts module or to auth-service as the router
 * says. Canary falls back to the module when the service cannot answer (counted as
 * {@code strangler_fallback_total}); service mode answers 503 instead. Shadow runs both and returns the module's
 * answer; a registration is shadowed by a dry run (validate_only) first, because a real write on both sides would
 * create the account twice (and the second write would fail on the first's row).
 */
@ApplicationScoped
public class AuthGateway {

    private static final Logger LOG = Logger.getLogger(AuthGateway.class);

    private final StranglerRouter router;
    private final AccountService module;
    private final AuthServiceClient service;
    private final ShadowComparison shadow;
    private final MeterRegistry meters;

    AuthGateway(StranglerRouter router, AccountService module, AuthServiceClient service, ShadowComparison shadow,
            MeterRegistry meters) {
        this.router = router;
        this.module = module;
        this.service = service;
        this.shadow = shadow;
        this.meters = meters;
    }

    public UserView register(RegisterRequest request) {
        return switch (router.side(Capability.AUTH, Account.normalise(request.email()))) {
            case MONOLITH -> module.register(request);
            case SERVICE -> viaService(() -> {
                UserView user = service.register(request, false);
                module.announce(user); // the welcome notification is still the monolith's at stage 1
                return user;
            }, () -> module.register(request));
            case SHADOW -> {
                ShadowComparison.Outcome dryRun = ShadowComparison.Outcome.of(() -> service.register(request, true));
                ShadowComparison.Outcome real = ShadowComparison.Outcome.of(() -> module.register(request));
                shadow.compare("register", real, dryRun);
                yield (UserView) real.answer();
            }
        };
    }

    public TokenIssuer.TokenResponse login(LoginRequest request, String clientAddress) {
        Side side = router.side(Capability.AUTH, Account.normalise(request.email()));
        return switch (side) {
            case MONOLITH -> module.login(request, clientAddress);
            case SERVICE -> viaService(() -> service.authenticate(request, clientAddress),
                    () -> module.login(request, clientAddress));
            case SHADOW -> {
                ShadowComparison.Outcome real = ShadowComparison.Outcome.of(() -> module.login(request, clientAddress));
                ShadowComparison.Outcome other = ShadowComparison.Outcome.of(
                        () -> service.authenticate(request, clientAddress));
                shadow.compare("login", real, other);
                yield (TokenIssuer.TokenResponse) real.answer();
            }
        };
    }

    private <T> T viaService(Supplier<T> remote, Supplier<T> local) {
        try {
            return remote.get();
        } catch (ProblemException answer) {
            throw answer; // the service answered (409, 401, 429...): that is the answer
        } catch (RuntimeException unavailable) { // down, deadline, open circuit
            if (router.routes().get(Capability.AUTH).mode() == Route.Mode.CANARY) {
                meters.counter("strangler.fallback", "capability", "auth").increment();
                LOG.warnf("auth-service unavailable, canary falls back to the module: %s", unavailable.toString());
                return local.get();
            }
            LOG.warnf("auth-service unavailable in service mode: %s", unavailable.toString());
            throw AuthProblems.unavailable();
        }
    }
}
