package dev.stranglerbookshop.platform.stage;

import dev.stranglerbookshop.topology.Stage;
import dev.stranglerbookshop.topology.StagePlan;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The stage this process runs at, from {@code bookshop.stage} (env {@code STAGE}: a number or a label), looked up in
 * the {@link StagePlan}. Resolved at startup, so a typo, or a stage that is planned but not built, stops the service
 * with a message listing the stages that run instead of running with a wrong tag.
 */
@Startup
@Singleton
public class MigrationStage {

    private final Stage stage;

    public MigrationStage(@ConfigProperty(name = "bookshop.stage", defaultValue = "0") String configured) {
        this.stage = StagePlan.parse(configured);
    }

    /** This deployment's row of the stage plan. */
    public Stage current() {
        return stage;
    }
}
