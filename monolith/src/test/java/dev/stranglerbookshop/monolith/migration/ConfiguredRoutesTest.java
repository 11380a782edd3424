package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.platform.stage.MigrationStage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A route in configuration ({@code bookshop.migration.routes.*}) that the router would refuse through the admin API
 * stops the start instead, naming the property: a deployment must not come up routing where it cannot.
 * The refusal comes before the route store is read, so no database is needed.
 */
class ConfiguredRoutesTest {

    @Test
    void aNotificationsCanaryInConfigurationStopsTheStart() {
        assertThatThrownBy(() -> router("2", null, "canary:50", null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("bookshop.migration.routes.notifications=canary:50: ")
                .hasMessageContaining("notifications takes no canary");
    }

    @Test
    void aRouteToAServiceTheStageDoesNotRunStopsTheStart() {
        assertThatThrownBy(() -> router("0", "service", null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("bookshop.migration.routes.auth=service: ")
                .hasMessageContaining("no service before stage 1");
        assertThatThrownBy(() -> router("2", null, null, "shadow"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("bookshop.migration.routes.search=shadow: ");
    }

    @Test
    void anUnreadableRouteNamesItsProperty() {
        assertThatThrownBy(() -> router("3", null, null, "sideways"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("bookshop.migration.routes.search: ");
    }

    private static StranglerRouter router(String stage, String auth, String notifications, String search) {
        MigrationSettings.Routes routes = new MigrationSettings.Routes() {
            @Override
            public Optional<String> auth() {
                return Optional.ofNullable(auth);
            }

            @Override
            public Optional<String> notifications() {
                return Optional.ofNullable(notifications);
            }

            @Override
            public Optional<String> search() {
                return Optional.ofNullable(search);
            }
        };
        MigrationSettings settings = new MigrationSettings() {
            @Override
            public Routes routes() {
                return routes;
            }

            @Override
            public Optional<Path> flagsFile() {
                return Optional.empty();
            }

            @Override
            public Calls calls() {
                throw new UnsupportedOperationException("not read before the routes are checked");
            }
        };
        return new StranglerRouter(new MigrationStage(stage), new SimpleMeterRegistry(), settings, null);
    }
}
