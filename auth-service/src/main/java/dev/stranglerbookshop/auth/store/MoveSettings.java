package dev.stranglerbookshop.auth.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code bookshop.auth.accounts.*}: where the accounts live during their move to this service's database. */
@ConfigMapping(prefix = "bookshop.auth.accounts")
public interface MoveSettings {

    /**
     * The move's {@link MovePhase}: {@code legacy} (stages 1-3), {@code dual-write}, {@code read-own},
     * {@code write-own}; {@code own} is refused until auth-service announces registrations itself.
     */
    @WithDefault("legacy")
    String phase();

    /**
     * While a move is in progress, how often a sync runs after the one at start: it brings over what the monolith
     * writes itself (its own route for auth, a canary's fallback) and what a follower write missed.
     */
    @WithDefault("PT30S")
    Duration syncInterval();
}
