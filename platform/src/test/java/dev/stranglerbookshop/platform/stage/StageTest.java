package dev.stranglerbookshop.platform.stage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageTest {

    @Test
    void parsesNumbersAndNames() {
        assertThat(Stage.parse("0")).isEqualTo(Stage.MODULAR_MONOLITH);
        assertThat(Stage.parse(" 3 ")).isEqualTo(Stage.SEARCH_EXTRACTED);
        assertThat(Stage.parse("Databases-Split")).isEqualTo(Stage.DATABASES_SPLIT);
    }

    @Test
    void rejectsUnknownStagesListingTheValidOnes() {
        assertThatThrownBy(() -> Stage.parse("7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown migration stage '7'")
                .hasMessageContaining("1 (auth-extracted)");
    }
}
