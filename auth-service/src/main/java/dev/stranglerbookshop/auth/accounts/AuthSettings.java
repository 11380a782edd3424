package dev.stranglerbookshop.auth.accounts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code bookshop.auth.*}: the same settings, names and defaults as the monolith's accounts module had. */
@ConfigMapping(prefix = "bookshop.auth")
public interface AuthSettings {

    /** The {@code iss} of every token; verifiers check it. */
    @WithDefault("strangler-bookshop")
    String issuer();

    /** The {@code aud} of every token; verifiers check it. */
    @WithDefault("bookshop-api")
    String audience();

    /** Access tokens are short-lived: there is no revocation list. */
    @WithDefault("PT10M")
    Duration tokenLifetime();

    /** bcrypt work factor (each step doubles the cost of a hash). */
    @WithDefault("11")
    int bcryptCost();

    SigningKey signingKey();

    Throttle throttle();

    Admin admin();

    interface Admin {
        /**
         * The administrator this service creates once the accounts move (any phase but {@code legacy}, where the
         * monolith creates it), if absent. Unset: none is created.
         */
        Optional<String> email();

        Optional<String> password();

        @WithDefault("Administrator")
        String displayName();
    }

    interface SigningKey {
        /** A PKCS#8 PEM RSA private key (a mounted secret). Required unless {@link #generate()}. */
        Optional<String> location();

        /** Development only: generate a fresh key pair at start (tokens die with the process). */
        @WithDefault("false")
        boolean generate();
    }

    interface Throttle {
        /** Failed logins allowed per account within {@link #accountPeriod()}. */
        @WithDefault("5")
        int accountFailures();

        @WithDefault("PT5M")
        Duration accountPeriod();

        /** Login attempts allowed per client address within {@link #addressPeriod()}. */
        @WithDefault("30")
        int addressAttempts();

        @WithDefault("PT1M")
        Duration addressPeriod();
    }
}
