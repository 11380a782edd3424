package dev.stranglerbookshop.notifications.mail;

import dev.stranglerbookshop.infra.Ports;
import dev.stranglerbookshop.infra.quarkus.KafkaTestResource;
import dev.stranglerbookshop.infra.quarkus.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** The mailer points at a port where no SMTP server listens (until a test starts one there); quick retries. */
public class UnreachableSmtp implements QuarkusTestProfile {

    static final int SMTP_PORT = Ports.free();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(SMTP_PORT),
                "quarkus.mailer.mock", "false",
                "bookshop.notifications.mail-deadline", "PT2S",
                "bookshop.notifications.retry.interval", "0.2s",
                "bookshop.notifications.retry.initial-backoff", "PT0.5S",
                "bookshop.notifications.retry.max-attempts", "4",
                "bookshop.notifications.backlog-interval", "0.2s");
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true; // not the shared SMTP server
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresTestResource.class, Map.of("database", "notifications")),
                new TestResourceEntry(KafkaTestResource.class));
    }
}
