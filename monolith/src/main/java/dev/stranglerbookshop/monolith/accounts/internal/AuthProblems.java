package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.platform.problem.ProblemException;

import java.time.Duration;
import java.util.List;

/** The accounts answers clients see, whichever side (module or auth-service) produced them. */
final class AuthProblems {

    /** One message for an unknown email and a wrong password: the answer must not reveal which emails exist. */
    static final String WRONG_CREDENTIALS = "The email or the password is wrong.";

    private AuthProblems() {
    }

    static ProblemException duplicateEmail() {
        return new ProblemException(409, "duplicate-email", "Email already registered",
                "An account with this email already exists.");
    }

    static ProblemException wrongCredentials() {
        return new ProblemException(401, "wrong-credentials", "Login failed", WRONG_CREDENTIALS);
    }

    static ProblemException throttled(String detail, Duration wait) {
        return new ProblemException(429, "too-many-login-attempts", "Too many login attempts", detail, List.of(),
                wait);
    }

}
