package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.monolith.accounts.Accounts;
import dev.stranglerbookshop.monolith.accounts.Roles;
import dev.stranglerbookshop.monolith.accounts.UserRegistered;
import dev.stranglerbookshop.monolith.accounts.UserView;
import dev.stranglerbookshop.platform.throttle.AttemptWindows;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AccountService implements Accounts {

    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final LoginThrottle throttle;
    private final Event<UserRegistered> registered;

    AccountService(PasswordHasher hasher, TokenIssuer tokens, LoginThrottle throttle, Event<UserRegistered> registered) {
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
        this.registered = registered;
    }

    @Override
    public Optional<UserView> find(UUID userId) {
        return Account.<Account>findByIdOptional(userId).map(Account::view);
    }

    @Transactional
    @WithSpan("accounts.register")
    public UserView register(RegisterRequest request) {
        Account account = create(request.email(), request.password(), request.displayName(), Roles.CUSTOMER);
        registered.fire(new UserRegistered(UUID.randomUUID(), account.createdAt, account.id, account.email,
                account.displayName));
        return account.view();
    }

    /**
     * Checks a login: the attempt is counted by the {@link LoginThrottle} before the password is checked.
     *
     * @return a signed access token
     * @throws dev.stranglerbookshop.platform.problem.ProblemException 401 {@code wrong-credentials} (unknown email or
     *                                                                 wrong password alike), 429 when throttled
     */
    @WithSpan("accounts.login")
    public TokenIssuer.TokenResponse login(LoginRequest request, String clientAddress) {
        String email = Account.normalise(request.email());
        AttemptWindows.Spent reserved = throttle.beforeAttempt(email, clientAddress); // counted as failed until proven
        Optional<Account> account = Account.byEmail(email);
        if (account.isEmpty()) {
            hasher.matchDecoy(request.password());
        } else if (hasher.matches(request.password(), account.get().passwordHash)) {
            throttle.succeeded(reserved);
            return tokens.issue(account.get());
        }
        throw AuthProblems.wrongCredentials();
    }

    /** Tells the other modules about an account auth-service created (the welcome mail, at stage 1). */
    @Transactional
    public void announce(UserView user) {
        registered.fire(new UserRegistered(UUID.randomUUID(), user.createdAt(), user.id(), user.email(),
                user.displayName()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Account create(String email, String password, String displayName, String role) {
        String normalised = Account.normalise(email);
        if (Account.byEmail(normalised).isPresent()) {
            throw AuthProblems.duplicateEmail();
        }
        Account account = new Account();
        account.id = UUID.randomUUID();
        account.email = normalised;
        account.displayName = displayName.strip();
        account.passwordHash = hasher.hash(password);
        account.role = role;
        account.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try {
            account.persistAndFlush();
        } catch (ConstraintViolationException raced) { // a concurrent registration won the unique index
            throw AuthProblems.duplicateEmail();
        }
        return account;
    }
}
