package dev.stranglerbookshop.messaging.inbox;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema name goes into SQL, so only a plain identifier from Flyway's schema list is taken. */
class ProcessedEventsTest {

    @Test
    void theTableLivesInFlywaysDefaultSchemaTheFirstListed() {
        assertThat(ProcessedEvents.schema(List.of("notifications"))).isEqualTo("notifications");
        assertThat(ProcessedEvents.schema(List.of(" search ", "outbox"))).isEqualTo("search");
    }

    @Test
    void flywaysDefaultSchemaWinsThenTheFirstListedThenTheSearchPath() {
        assertThat(ProcessedEvents.table(Optional.of("inbox"), Optional.of(List.of("notifications"))))
                .isEqualTo("\"inbox\".processed_events");
        assertThat(ProcessedEvents.table(Optional.empty(), Optional.of(List.of("notifications", "outbox"))))
                .isEqualTo("\"notifications\".processed_events");
        // A reserved word is a schema name like any other, as Flyway quotes it too.
        assertThat(ProcessedEvents.table(Optional.of("user"), Optional.empty())).isEqualTo("\"user\".processed_events");
        assertThat(ProcessedEvents.table(Optional.empty(), Optional.empty())).isEqualTo("processed_events");
        assertThatThrownBy(() -> ProcessedEvents.table(Optional.of("x; DROP TABLE y"), Optional.empty()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anythingButAPlainIdentifierIsRefused() {
        for (List<String> bad : List.of(List.<String>of(), List.of(""), List.of("x; DROP TABLE y"), List.of("Public"),
                List.of("a.b"), List.of("\"quoted\""), List.of("1st"), List.of("a".repeat(64)))) {
            assertThatThrownBy(() -> ProcessedEvents.schema(bad)).as(bad.toString())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("quarkus.flyway.schemas");
        }
    }
}
