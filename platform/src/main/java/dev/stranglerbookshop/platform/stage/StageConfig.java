package dev.stranglerbookshop.platform.stage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** {@code bookshop.stage}: set by {@code STAGE} in the environment (see each service's application.properties). */
@ConfigMapping(prefix = "bookshop")
public interface StageConfig {

    @WithName("stage")
    @WithDefault("0")
    String rawStage();

    default Stage stage() {
        return Stage.parse(rawStage());
    }
}
