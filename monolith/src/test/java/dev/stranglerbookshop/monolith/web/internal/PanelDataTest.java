package dev.stranglerbookshop.monolith.web.internal;

import dev.stranglerbookshop.topology.ServiceSpec;
import dev.stranglerbookshop.topology.StagePlan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The panel's data line per service, from the stage plan: shared, owned, and owned while moving data in. */
class PanelDataTest {

    @Test
    void saysWhoWorksWhereAndWhatIsMoving() {
        assertThat(Panel.data(StagePlan.stage(3), ServiceSpec.SEARCH_SERVICE))
                .isEqualTo("database monolith as search_service: search read-only");
        assertThat(Panel.data(StagePlan.stage(2), ServiceSpec.NOTIFICATION_SERVICE))
                .isEqualTo("owns database notifications");
        assertThat(Panel.data(StagePlan.stage(3), ServiceSpec.AUTH_SERVICE))
                .isEqualTo("database monolith as auth_service: accounts read-write");
        assertThat(Panel.data(StagePlan.stage(4), ServiceSpec.AUTH_SERVICE)).isEqualTo("owns database auth; moving "
                + "its data from database monolith as auth_service: accounts read-write (phase write-own)");
    }
}
