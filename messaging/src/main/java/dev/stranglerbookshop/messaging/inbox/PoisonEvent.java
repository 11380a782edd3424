package dev.stranglerbookshop.messaging.inbox;

/**
 * A record the consumer can never handle, whatever it retries (unreadable, a field out of range, data the database
 * refuses): thrown from a consumer method, it ends the {@link ConsumerRetry} retries at once and the channel's
 * dead-letter strategy parks the record on {@code <topic>.dlq} with this message as its {@code dead-letter-reason}.
 */
public class PoisonEvent extends RuntimeException {

    public PoisonEvent(String reason) {
        super(reason);
    }

    public PoisonEvent(String reason, Throwable cause) {
        super(reason, cause);
    }
}
