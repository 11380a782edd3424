package dev.stranglerbookshop.notifications.inbox;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.stranglerbookshop.proto.events.v1.UserRegistered;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.UUID;

/**
 * Turns user events into inbox entries, once per event id. The id is recorded in the same transaction as the entry,
 * so a redelivery after a crash between the two is impossible; a failure rolls both back and the record is retried,
 * or, if it cannot be parsed, parked on the dead-letter topic.
 */
@ApplicationScoped
public class UserEventsConsumer {

    @Incoming("user-events")
    @Blocking
    @Transactional
    public void onUserEvent(byte[] payload) throws InvalidProtocolBufferException {
        UserRegistered event = UserRegistered.parseFrom(payload);
        UUID eventId = uuid(event.getMetadata().getEventId(), "metadata.event_id");
        if (ProcessedEvent.seen(eventId)) {
            return;
        }
        Notification welcome = new Notification();
        welcome.id = UUID.randomUUID();
        welcome.userId = uuid(event.getUserId(), "user_id");
        welcome.kind = "WELCOME";
        welcome.subject = "Welcome to the Strangler Bookshop, " + event.getDisplayName();
        welcome.body = "Hello " + event.getDisplayName() + ", your account " + event.getEmail() + " is ready.";
        welcome.createdAt = Instant.now();
        welcome.sourceEventId = eventId;
        welcome.persist();
        ProcessedEvent.remember(eventId);
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("UserRegistered." + field + " is not a UUID: '" + value + "'", e);
        }
    }
}
