package dev.stranglerbookshop.monolith.accounts;

import java.util.Optional;
import java.util.UUID;

/** The accounts module's public API for other modules. */
public interface Accounts {

    Optional<UserView> find(UUID userId);
}
