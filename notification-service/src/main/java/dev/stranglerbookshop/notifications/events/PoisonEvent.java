package dev.stranglerbookshop.notifications.events;

/** A record this service can never handle, whatever it retries: it goes to the dead-letter topic with this reason. */
public class PoisonEvent extends RuntimeException {

    public PoisonEvent(String reason) {
        super(reason);
    }

    public PoisonEvent(String reason, Throwable cause) {
        super(reason, cause);
    }
}
