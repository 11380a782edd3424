package dev.stranglerbookshop.platform.stage;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The stage this process runs at, from {@code bookshop.stage} (env {@code STAGE}). Resolved at startup, so a typo
 * stops the service with a message listing the valid stages instead of running with a wrong tag.
 */
@Startup
@Singleton
public class MigrationStage {

    private final Stage stage;

    public MigrationStage(@ConfigProperty(name = "bookshop.stage", defaultValue = "0") String configured) {
        this.stage = Stage.parse(configured);
    }

    public Stage current() {
        return stage;
    }
}
