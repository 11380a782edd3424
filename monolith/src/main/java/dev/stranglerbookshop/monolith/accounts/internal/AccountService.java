package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.monolith.accounts.Accounts;
import dev.stranglerbookshop.monolith.accounts.Roles;
import dev.stranglerbookshop.monolith.accounts.UserRegistered;
import dev.stranglerbookshop.monolith.accounts.UserView;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The accounts module: registration, login (throttled by {@link LoginThrottle}) and the announcement of new accounts
 * to the other modules ({@link UserRegistered}, once per account).
 */
@ApplicationScoped
public class AccountService implements Accounts {

    /**
     * How long after its creation an account auth-service committed late may still be taken over by the registration
     * that created it: far beyond the auth deadline (2 s) and the bulkhead's queue wait (5 s), far below a human's
     * second attempt to register an email somebody else took.
     */
    static final Duration LATE_REGISTRATION = Duration.ofMinutes(1);

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

    /**
     * Registers a customer and announces it ({@link UserRegistered}) in the same transaction.
     *
     * @return the new account
     * @throws dev.stranglerbookshop.platform.problem.ProblemException 409 {@code duplicate-email} when the email
     *                                                                 (case-insensitively) is taken
     */
    @Transactional
    @WithSpan("accounts.register")
    public UserView register(RegisterRequest request) {
        UserView user = create(request.email(), request.password(), request.displayName(), Roles.CUSTOMER).view();
        announceOnce(user);
        return user;
    }

    /**
     * Answers a registration whose email turned out to be taken by the very registration being retried: auth-service
     * committed it after the monolith had stopped waiting (its deadline, at stages 1-3), so the seam fell back here.
     * Taken over when the account is a customer's, was created less than {@link #LATE_REGISTRATION} ago, has never been
     * announced, and its display name and password (checked against the stored hash) are the request's; then it is
     * announced, exactly once (the announcement's row is the arbiter), and answered as the original registration
     * would have been. Otherwise empty: the email belongs to someone, a genuine duplicate (409).
     */
    @Transactional
    @WithSpan("accounts.adoptLateRegistration")
    public Optional<UserView> adoptLateRegistration(RegisterRequest request) {
        Optional<Account> found = Account.byEmail(request.email());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Account account = found.get();
        boolean recent = account.createdAt.isAfter(Instant.now().minus(LATE_REGISTRATION));
        if (!Roles.CUSTOMER.equals(account.role) || !recent || announced(account.id)
                || !account.displayName.equals(request.displayName().strip())
                || !hasher.matches(request.password(), account.passwordHash)) {
            return Optional.empty();
        }
        return announceOnce(account.view()) ? Optional.of(account.view()) : Optional.empty();
    }

    /** Tells the other modules about an account auth-service created (the welcome mail), unless already told. */
    @Transactional
    public void announce(UserView user) {
        announceOnce(user);
    }

    /**
     * Checks a login under the {@link LoginThrottle}'s limits: a failure is counted before it is answered.
     *
     * @return a signed access token
     * @throws dev.stranglerbookshop.platform.problem.ProblemException 401 {@code wrong-credentials} (unknown email or
     *                                                                 wrong password alike), 429 when throttled
     */
    @WithSpan("accounts.login")
    public TokenIssuer.TokenResponse login(LoginRequest request, String clientAddress) {
        String email = Account.normalise(request.email());
        throttle.beforeAttempt(email, clientAddress, true);
        Optional<Account> account = Account.byEmail(email);
        if (account.isEmpty()) {
            hasher.matchDecoy(request.password());
        } else if (hasher.matches(request.password(), account.get().passwordHash)) {
            throttle.succeeded(email);
            return tokens.issue(account.get());
        }
        throttle.failed(email, true); // counted before the verdict: over the limit it is 429, not 401
        throw AuthProblems.wrongCredentials();
    }

    /** Fires {@link UserRegistered} if this transaction is the first to record the account as announced. */
    private boolean announceOnce(UserView user) {
        int recorded = Account.getEntityManager().createNativeQuery("INSERT INTO accounts.registrations_announced "
                        + "(account_id, announced_at) VALUES (?1, now()) ON CONFLICT (account_id) DO NOTHING")
                .setParameter(1, user.id()).executeUpdate();
        if (recorded == 0) {
            return false;
        }
        registered.fire(new UserRegistered(UUID.randomUUID(), user.createdAt(), user.id(), user.email(),
                user.displayName()));
        return true;
    }

    private static boolean announced(UUID accountId) {
        return ((Number) Account.getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM accounts.registrations_announced WHERE account_id = ?1")
                .setParameter(1, accountId).getSingleResult()).intValue() > 0;
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
