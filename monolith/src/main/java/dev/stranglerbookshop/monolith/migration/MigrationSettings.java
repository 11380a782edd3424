package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.platform.grpc.ServiceCallSettings;
import dev.stranglerbookshop.topology.Capability;
import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code bookshop.migration.*}: how the strangler facade routes and calls the extracted services. Defaults for the
 * calls (measured deadlines) are in application.properties.
 */
@ConfigMapping(prefix = "bookshop.migration")
public interface MigrationSettings {

    /**
     * Routes that override the stage plan's defaults, e.g. {@code BOOKSHOP_MIGRATION_ROUTES_AUTH=shadow}; blank keeps
     * the default.
     */
    Routes routes();

    /** The flagd flags file the routes are written to and evaluated from; unset: a temporary file. */
    Optional<Path> flagsFile();

    /** Deadline, bulkhead and circuit breaker of each capability's service calls. */
    Calls calls();

    /** One route override per capability (Optional, so a blank environment variable means "the default"). */
    interface Routes {
        Optional<String> auth();

        Optional<String> notifications();

        Optional<String> search();

        default Optional<String> of(Capability capability) {
            return (switch (capability) {
                case AUTH -> auth();
                case NOTIFICATIONS -> notifications();
                case SEARCH -> search();
            }).map(String::strip).filter(route -> !route.isEmpty());
        }
    }

    interface Calls {
        ServiceCallSettings auth();

        ServiceCallSettings notifications();

        ServiceCallSettings search();

        default ServiceCallSettings of(Capability capability) {
            return switch (capability) {
                case AUTH -> auth();
                case NOTIFICATIONS -> notifications();
                case SEARCH -> search();
            };
        }
    }
}
