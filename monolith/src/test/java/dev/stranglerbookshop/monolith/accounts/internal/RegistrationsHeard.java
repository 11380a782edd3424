package dev.stranglerbookshop.monolith.accounts.internal;

import dev.stranglerbookshop.monolith.accounts.UserRegistered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every {@link UserRegistered} announced in this test application, as the welcome mail's sender hears it. */
@ApplicationScoped
public class RegistrationsHeard {

    private final List<UserRegistered> heard = new CopyOnWriteArrayList<>();

    void on(@Observes UserRegistered registered) {
        heard.add(registered);
    }

    /** How many times the account was announced. */
    public long of(UUID userId) {
        return heard.stream().filter(r -> r.userId().equals(userId)).count();
    }
}
