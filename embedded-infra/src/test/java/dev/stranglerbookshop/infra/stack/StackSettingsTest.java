package dev.stranglerbookshop.infra.stack;

import dev.stranglerbookshop.topology.ServiceSpec;
import dev.stranglerbookshop.topology.StagePlan;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackSettingsTest {

    /** The module's tests run in embedded-infra/; the repository root is its parent. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyServiceDeclaresTheSamePortsAsDeployPortsEnv() throws IOException {
        Map<String, String> ports = StackSettings.readEnvFile(ROOT.resolve("deploy/ports.env"));
        for (ServiceSpec service : ServiceSpec.ALL) {
            Properties properties = new Properties();
            try (var in = Files.newInputStream(ROOT.resolve(service.module()).resolve("src/main/resources/application.properties"))) {
                properties.load(in);
            }
            assertThat(properties.getProperty("quarkus.http.port")).as(service.name() + " HTTP port")
                    .isEqualTo(ports.get(service.portPrefix() + "_HTTP_PORT"));
            assertThat(properties.getProperty("quarkus.grpc.server.port")).as(service.name() + " gRPC port")
                    .isEqualTo(ports.get(service.portPrefix() + "_GRPC_PORT"));
        }
    }

    @Test
    void environmentOverridesAPort() {
        StackSettings settings = StackSettings.parse(ROOT, new String[0], Map.of("MONOLITH_HTTP_PORT", "18080"));
        assertThat(settings.port("MONOLITH_HTTP_PORT")).isEqualTo(18080);
        assertThat(settings.port("AUTH_HTTP_PORT")).isEqualTo(8081);
    }

    @Test
    void theStageFileGivesTheStageAndTheEnvironmentOverridesItsRoutes() {
        StackSettings stage2 = StackSettings.parse(ROOT, new String[] {"--stage", "2"}, Map.of());
        assertThat(stage2.stage()).isEqualTo(2);
        assertThat(stage2.routes()).as("blank routes keep the stage's defaults").isEmpty();
        StackSettings shadow = StackSettings.parse(ROOT, new String[0],
                Map.of("STAGE", "2", "ROUTE_NOTIFICATIONS", "shadow"));
        assertThat(shadow.stage()).isEqualTo(2);
        assertThat(shadow.routes()).containsExactly(Map.entry("notifications", "shadow"));
        assertThat(StackSettings.parse(ROOT, new String[] {"--stage", "1"}, Map.of("ROUTE_AUTH", "canary:25"))
                .routes()).containsExactly(Map.entry("auth", "canary:25"));
        assertThatThrownBy(() -> StackSettings.parse(ROOT, new String[] {"--stage", "1"}, Map.of("ROUTE_AUTH", "banana")))
                .hasMessageContaining("ROUTE_AUTH=banana is not a route");
        assertThatThrownBy(() -> StackSettings.parse(ROOT, new String[] {"--stage", "1"}, Map.of("ROUTE_AUTH", "canary:101")))
                .hasMessageContaining("is not a route");
    }

    @Test
    void everyStageOfThePlanHasAStageFileAndNoOtherDoes() {
        assertThat(StackSettings.availableStages(ROOT)).isEqualTo(StagePlan.numbers());
    }

    @Test
    void rejectsBadPortsUnknownOptionsAndStagesNotBuiltYet() {
        assertThatThrownBy(() -> StackSettings.parse(ROOT, new String[0], Map.of("KAFKA_PORT", "99999")))
                .hasMessageContaining("KAFKA_PORT=99999 is not a port");
        assertThatThrownBy(() -> StackSettings.parse(ROOT, new String[] {"--verbose"}, Map.of()))
                .hasMessageContaining("Unknown option --verbose").hasMessageContaining("Usage:");
        assertThatThrownBy(() -> StackSettings.parse(ROOT, new String[] {"--stage", "x"}, Map.of()))
                .hasMessageContaining("--stage takes a number");
        assertThatThrownBy(() -> StackSettings.parse(ROOT, new String[] {"--stage", "5"}, Map.of()))
                .hasMessageContaining("Unknown migration stage '5'").hasMessageContaining("4 (databases-split)");
        assertThatThrownBy(() -> StackSettings.parse(ROOT, new String[] {"--stage", "9"}, Map.of()))
                .hasMessageContaining("Unknown migration stage '9'");
    }
}
