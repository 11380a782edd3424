package dev.stranglerbookshop.auth.accounts;

import dev.stranglerbookshop.auth.store.Account;
import dev.stranglerbookshop.auth.store.AccountStore;
import dev.stranglerbookshop.platform.grpc.CallerDeadline;
import dev.stranglerbookshop.proto.auth.v1.AccessToken;
import io.grpc.Status;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Registration and authentication with the behaviour the monolith's accounts module had. */
@ApplicationScoped
public class AccountService {

    /** One description for an unknown email and a wrong password: answers must not reveal which emails exist. */
    static final String WRONG_CREDENTIALS = "The email or the password is wrong.";

    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final LoginThrottle throttle;
    private final Validator validator;
    private final CallerDeadline caller;
    private final AccountStore store;

    AccountService(PasswordHasher hasher, TokenIssuer tokens, LoginThrottle throttle, Validator validator,
            CallerDeadline caller, AccountStore store) {
        this.store = store;
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
        this.validator = validator;
        this.caller = caller;
    }

    /** @throws dev.stranglerbookshop.auth.store.AccountStoreException when the accounts database cannot answer */
    public Optional<Account> find(UUID id) {
        return store.byId(id);
    }

    /**
     * With {@code validateOnly}, everything is checked and the would-be account answered (without a password hash),
     * but nothing is written. The account is written where the accounts move's phase says ({@link AccountStore}).
     *
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT naming the fields, ALREADY_EXISTS for a taken email
     * @throws dev.stranglerbookshop.auth.store.AccountStoreException when the accounts database cannot answer
     */
    @WithSpan("accounts.register")
    public Account register(RegisterInput input, boolean validateOnly) {
        Set<ConstraintViolation<RegisterInput>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw Status.INVALID_ARGUMENT.withDescription(violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                    .collect(Collectors.joining("; "))).asRuntimeException();
        }
        String email = Account.normalise(input.email());
        if (store.byEmail(email).isPresent()) {
            throw duplicate();
        }
        UUID id = UUID.randomUUID();
        String displayName = input.displayName().strip();
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (validateOnly) { // no hash either: bcrypt is the expensive part and nothing will be stored
            return new Account(id, email, displayName, null, "customer", createdAt);
        }
        caller.ensureStillWanted("accounts.register"); // bcrypt is the expensive part: not for nobody
        Account account = new Account(id, email, displayName, hasher.hash(input.password()), "customer", createdAt);
        if (!store.insert(account)) { // a concurrent registration won the unique index
            throw duplicate();
        }
        return account;
    }

    /**
     * Checks a login under the {@link LoginThrottle}'s limits: a failure is counted before it is answered.
     *
     * @param validateOnly a dry run (shadow mode): the limits are looked at, nothing is counted
     * @return a signed access token
     * @throws io.grpc.StatusRuntimeException UNAUTHENTICATED for an unknown email or a wrong password (one description
     *                                        for both), RESOURCE_EXHAUSTED with a RetryInfo when throttled
     */
    @WithSpan("accounts.login")
    public AccessToken authenticate(String rawEmail, String password, String clientAddress, boolean validateOnly) {
        String email = Account.normalise(rawEmail);
        // A burst queues calls on this service; one whose caller already gave up would only delay the next ones.
        caller.ensureStillWanted("accounts.login");
        throttle.beforeAttempt(email, clientAddress, !validateOnly); // a dry run counts nothing: its caller counts
        Optional<Account> account = store.byEmail(email);
        if (account.isEmpty()) {
            hasher.matchDecoy(password);
        } else if (hasher.matches(password, account.get().passwordHash())) {
            throttle.succeeded(email);
            return tokens.issue(account.get());
        }
        throttle.failed(email, !validateOnly); // counted before the verdict: over the limit it is exhausted
        throw Status.UNAUTHENTICATED.withDescription(WRONG_CREDENTIALS).asRuntimeException();
    }

    private static RuntimeException duplicate() {
        return Status.ALREADY_EXISTS.withDescription("An account with this email already exists.").asRuntimeException();
    }
}
