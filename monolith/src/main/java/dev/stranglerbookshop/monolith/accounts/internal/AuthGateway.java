package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.monolith.accounts.UserView;
import dev.stranglerbookshop.monolith.migration.StrangledCall;
import dev.stranglerbookshop.monolith.migration.StranglerSeam;
import dev.stranglerbookshop.platform.problem.ProblemException;
import dev.stranglerbookshop.platform.stage.MigrationStage;
import dev.stranglerbookshop.topology.DataMove;
import dev.stranglerbookshop.topology.ServiceSpec;
import jakarta.enterprise.context.ApplicationScoped;

import static dev.stranglerbookshop.topology.Capability.AUTH;

/**
 * The seam where auth is strangled: register and login run on the {@link StranglerSeam}, keyed by the normalised
 * email (a canary keeps a person on one side). A registration is shadowed by a dry run (validate_only) first, because
 * a real write on both sides would create the account twice; a login likewise (validate_only: auth-service checks
 * the login limits without counting, since the module counts the attempt in the same table). A canary's fallback
 * that meets the account auth-service committed after the deadline answers that registration instead of 409
 * ({@link AccountService#adoptLateRegistration}).
 */
@ApplicationScoped
public class AuthGateway {

    private static final String UNAVAILABLE = "Sign-in is temporarily unavailable; please try again shortly.";

    private final StranglerSeam seam;
    private final AccountService module;
    private final AuthServiceClient service;
    private final boolean serviceKeepsTheRecord;

    AuthGateway(StranglerSeam seam, AccountService module, AuthServiceClient service, MigrationStage stage) {
        this.seam = seam;
        this.module = module;
        this.service = service;
        // From the accounts move's write-own phase (stage 4) auth-service's database decides whether an email is
        // taken: an account the module wrote into the monolith's copy could take an email auth-service gives to
        // someone else. Registration then goes to auth-service whatever the route; logins may still be answered here
        // (the copy follows within the move's sync interval).
        this.serviceKeepsTheRecord = stage.current().move(ServiceSpec.AUTH_SERVICE).map(DataMove::ownIsRecord)
                .orElse(false);
    }

    /**
     * Registers on the side the route picks: 201 with the account, 409 {@code duplicate-email}, 400 naming the field,
     * 503 when only auth-service may answer and cannot. Once auth-service's database keeps the record of accounts
     * (stage 4), the monolith's side registers through auth-service too. Through auth-service the monolith announces the account
     * afterwards ({@link AccountService#announce}, once per account).
     */
    public UserView register(RegisterRequest request) {
        return seam.run(StrangledCall.<UserView>of(AUTH, "register", Account.normalise(request.email()))
                .monolith(() -> registerHere(request))
                .service(() -> viaService(request))
                .shadow(() -> service.register(request, true))
                .compared(AuthAnswers::user)
                .unavailable(UNAVAILABLE));
    }

    /**
     * The module's registration; a 409 may be the registration being retried here after auth-service committed it too
     * late for its caller (a canary's fallback), which the module then answers as the original would have been.
     */
    private UserView registerHere(RegisterRequest request) {
        if (serviceKeepsTheRecord) {
            return viaService(request);
        }
        try {
            return module.register(request);
        } catch (ProblemException taken) {
            if (taken.status() != 409) {
                throw taken;
            }
            return module.adoptLateRegistration(request).orElseThrow(() -> taken);
        }
    }

    private UserView viaService(RegisterRequest request) {
        UserView user = service.register(request, false);
        module.announce(user); // the welcome notification is still the monolith's (until phase own)
        return user;
    }

    /**
     * Logs in on the side the route picks; answers as {@link AccountService#login} does.
     *
     * @param clientAddress the caller's address (proxies trusted by {@code quarkus.http.proxy.trusted-proxies} only)
     */
    public TokenIssuer.TokenResponse login(LoginRequest request, String clientAddress) {
        return seam.run(StrangledCall.<TokenIssuer.TokenResponse>of(AUTH, "login", Account.normalise(request.email()))
                .monolith(() -> module.login(request, clientAddress))
                .service(() -> service.authenticate(request, clientAddress, false))
                .shadow(() -> service.authenticate(request, clientAddress, true)) // the module counts the attempt
                .compared(AuthAnswers::token)
                .unavailable(UNAVAILABLE));
    }
}
