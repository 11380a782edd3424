package dev.stranglerbookshop.monolith.outbox;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The monolith as at stage 2 (outbox on, a real broker), with auth kept in-process: no auth-service runs in these
 * tests, and notifications start at the monolith route so each test chooses its own.
 */
public class EventsOn implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("bookshop.stage", "2",
                "bookshop.migration.routes.auth", "monolith",
                "bookshop.migration.routes.notifications", "monolith",
                // notification-service is not running here: fail fast.
                "bookshop.migration.calls.notifications.deadline", "PT0.5S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RestartableKafka.class));
    }
}
