package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.monolith.accounts.UserView;
import dev.stranglerbookshop.monolith.migration.StrangledCall;
import dev.stranglerbookshop.monolith.migration.StranglerSeam;
import jakarta.enterprise.context.ApplicationScoped;

import static dev.stranglerbookshop.topology.Capability.AUTH;

/**
 * The seam where auth is strangled: register and login run on the {@link StranglerSeam}, keyed by the normalised
 * email (a canary keeps a person on one side). A registration is shadowed by a dry run (validate_only) first, because
 * a real write on both sides would create the account twice; a login likewise (validate_only: auth-service checks
 * the login limits without counting, since the module counts the attempt in the same table).
 */
@ApplicationScoped
public class AuthGateway {

    private static final String UNAVAILABLE = "Sign-in is temporarily unavailable; please try again shortly.";

    private final StranglerSeam seam;
    private final AccountService module;
    private final AuthServiceClient service;

    AuthGateway(StranglerSeam seam, AccountService module, AuthServiceClient service) {
        this.seam = seam;
        this.module = module;
        this.service = service;
    }

    public UserView register(RegisterRequest request) {
        return seam.run(StrangledCall.<UserView>of(AUTH, "register", Account.normalise(request.email()))
                .monolith(() -> module.register(request))
                .service(() -> {
                    UserView user = service.register(request, false);
                    module.announce(user); // the welcome notification is still the monolith's (until stage 4)
                    return user;
                })
                .shadow(() -> service.register(request, true))
                .compared(AuthAnswers::user)
                .unavailable(UNAVAILABLE));
    }

    public TokenIssuer.TokenResponse login(LoginRequest request, String clientAddress) {
        return seam.run(StrangledCall.<TokenIssuer.TokenResponse>of(AUTH, "login", Account.normalise(request.email()))
                .monolith(() -> module.login(request, clientAddress))
                .service(() -> service.authenticate(request, clientAddress, false))
                .shadow(() -> service.authenticate(request, clientAddress, true)) // the module counts the attempt
                .compared(AuthAnswers::token)
                .unavailable(UNAVAILABLE));
    }
}
