package dev.stranglerbookshop.topology;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plan's own rules: what makes a sequence of stages a strangler-fig migration. */
class StagePlanTest {

    @Test
    void stagesAreNumberedInOrderFromZeroAndNamedOnce() {
        List<Integer> numbers = StagePlan.numbers();
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).isEqualTo(i);
        }
        assertThat(StagePlan.STAGES.stream().map(Stage::label).distinct()).hasSize(numbers.size());
        assertThat(StagePlan.PLANNED.keySet()).allMatch(n -> n >= numbers.size());
    }

    @Test
    void theMonolithRunsAtEveryStageAndAnExtractedServiceStays() {
        for (Stage stage : StagePlan.STAGES) {
            assertThat(stage.runs(ServiceSpec.MONOLITH)).as("stage %d: the strangler facade", stage.number()).isTrue();
            if (stage.number() > 0) {
                Stage before = StagePlan.stage(stage.number() - 1);
                assertThat(stage.services()).as("stage %d keeps what stage %d extracted", stage.number(),
                        before.number()).containsAll(before.services());
            }
        }
    }

    @Test
    void aDefaultRouteLeavesTheMonolithOnlyWhereItsServiceRuns() {
        for (Stage stage : StagePlan.STAGES) {
            stage.defaultRoutes().forEach((capability, route) -> {
                if (route.leavesMonolith()) {
                    assertThat(stage.runs(capability.service())).as("stage %d routes %s", stage.number(),
                            capability.key()).isTrue();
                }
            });
        }
        assertThat(Capability.AUTH.extractedAt()).isEqualTo(1);
        assertThat(Capability.NOTIFICATIONS.extractedAt()).isEqualTo(2);
        assertThat(Capability.SEARCH.extractedAt()).isEqualTo(3);
    }

    @Test
    void eventsFlowOnceAConsumerOfThemRuns() {
        for (Stage stage : StagePlan.STAGES) {
            assertThat(stage.events()).as("stage %d", stage.number())
                    .isEqualTo(stage.runs(ServiceSpec.NOTIFICATION_SERVICE));
        }
    }

    @Test
    void sharedDataIsOnTheMonolithsDatabaseWithNamedSchemasAndNoMigrations() {
        for (Stage stage : StagePlan.STAGES) {
            stage.sharedData().forEach((service, access) -> {
                assertThat(stage.runs(service)).isTrue();
                assertThat(access.database()).isEqualTo(ServiceSpec.MONOLITH.database());
                assertThat(access.owns()).isFalse();
                assertThat(access.migrates()).as("the monolith migrates its own database").isFalse();
                assertThat(access.role()).isNotEqualTo(ServiceSpec.MONOLITH.database());
            });
        }
        assertThat(StagePlan.stage(3).dataAccess(ServiceSpec.SEARCH_SERVICE))
                .isEqualTo(DataAccess.shared("monolith", "search_service", Map.of("search", DataAccess.Privilege.READ)));
        assertThat(StagePlan.stage(4).dataAccess(ServiceSpec.SEARCH_SERVICE)).isEqualTo(DataAccess.owner("search"));
        assertThat(StagePlan.stage(2).dataAccess(ServiceSpec.NOTIFICATION_SERVICE))
                .isEqualTo(DataAccess.owner("notifications"));
        assertThat(StagePlan.sharedRoles()).containsExactly("auth_service", "search_service");
    }

    @Test
    void atStageFourAuthServiceOwnsItsDatabaseAndReachesTheMonolithsAccountsAsLegacy() {
        Stage four = StagePlan.stage(4);
        DataAccess accountsOnTheMonolith = DataAccess.shared("monolith", "auth_service",
                Map.of("accounts", DataAccess.Privilege.READ_WRITE));
        assertThat(four.dataAccess(ServiceSpec.AUTH_SERVICE)).isEqualTo(DataAccess.owner("auth"));
        assertThat(four.legacyAccess(ServiceSpec.AUTH_SERVICE)).contains(accountsOnTheMonolith);
        assertThat(four.sharedData()).containsEntry(ServiceSpec.AUTH_SERVICE, accountsOnTheMonolith); // still granted
        assertThat(StagePlan.stage(3).legacyAccess(ServiceSpec.AUTH_SERVICE)).isEmpty();

        Map<String, String> env = ServiceSpec.AUTH_SERVICE.environment(4, Map.of(), Wiring.containers(
                Map.of("MONOLITH_HTTP_PORT", 8080, "MONOLITH_GRPC_PORT", 9080, "AUTH_HTTP_PORT", 8081,
                        "AUTH_GRPC_PORT", 9081)));
        assertThat(env).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgres:5432/auth")
                .containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "true")
                .containsEntry("QUARKUS_DATASOURCE_LEGACY_JDBC_URL", "jdbc:postgresql://postgres:5432/monolith")
                .containsEntry("QUARKUS_DATASOURCE_LEGACY_USERNAME", "auth_service")
                .containsEntry("BOOKSHOP_AUTH_ACCOUNTS_PHASE", "write-own");
        assertThat(ServiceSpec.AUTH_SERVICE.environment(3, Map.of(), Wiring.containers(
                Map.of("MONOLITH_HTTP_PORT", 8080, "MONOLITH_GRPC_PORT", 9080, "AUTH_HTTP_PORT", 8081,
                        "AUTH_GRPC_PORT", 9081)))).doesNotContainKeys("QUARKUS_DATASOURCE_LEGACY_JDBC_URL",
                "BOOKSHOP_AUTH_ACCOUNTS_PHASE");
    }

    @Test
    void parsesNumbersAndLabelsAndRefusesPlannedAndUnknownStages() {
        assertThat(StagePlan.parse("0").label()).isEqualTo("modular-monolith");
        assertThat(StagePlan.parse(" 3 ").label()).isEqualTo("search-extracted");
        assertThat(StagePlan.parse("Auth-Extracted").number()).isEqualTo(1);
        assertThat(StagePlan.parse("databases-split").number()).isEqualTo(4);
        assertThatThrownBy(() -> StagePlan.parse("5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown migration stage '5'")
                .hasMessageContaining("4 (databases-split)");
        assertThatThrownBy(() -> StagePlan.parse("7")).hasMessageContaining("Unknown migration stage '7'")
                .hasMessageContaining("1 (auth-extracted)");
        assertThatThrownBy(() -> StagePlan.parse(null)).hasMessageContaining("Unknown migration stage");
    }

    @Test
    void theAcceptanceRunsAreEveryStageAndEachCanaryCheck() {
        assertThat(StagePlan.acceptanceRuns()).extracting(r -> r.stage() + " " + r.overrides())
                .containsExactly("0 {}", "1 {}", "1 {AUTH=canary:50}", "2 {}", "3 {}", "3 {SEARCH=canary:50}", "4 {}");
    }

    @Test
    void routesParseTheirGrammarAndNothingElse() {
        assertThat(Route.parse(" Canary:25 ")).isEqualTo(Route.canary(25));
        assertThat(Route.parse("service")).isEqualTo(Route.SERVICE);
        assertThat(Route.canary(0).toString()).isEqualTo("canary:0");
        for (String bad : new String[] {"", "sideways", "canary:", "canary:101", "canary:-1", "canary:+5", "canary:٥",
                "canary:5.5", "canary:0005", "monolith\u0000", null}) {
            assertThatThrownBy(() -> Route.parse(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theEnvironmentFollowsThePlansDataAccessAndReferences() {
        Wiring containers = Wiring.containers(Map.of("MONOLITH_HTTP_PORT", 8080, "MONOLITH_GRPC_PORT", 9080,
                "AUTH_HTTP_PORT", 8081, "AUTH_GRPC_PORT", 9081, "NOTIFICATION_HTTP_PORT", 8082,
                "NOTIFICATION_GRPC_PORT", 9082, "SEARCH_HTTP_PORT", 8083, "SEARCH_GRPC_PORT", 9083));
        assertThat(ServiceSpec.SEARCH_SERVICE.environment(3, Map.of(), containers))
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgres:5432/monolith")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "search_service")
                .containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "false")
                .containsEntry("STAGE", "3");
        assertThat(ServiceSpec.MONOLITH.environment(3, Map.of("search", "canary:50"), containers))
                .containsEntry("QUARKUS_GRPC_CLIENTS_SEARCH_HOST", "search-service")
                .containsEntry("QUARKUS_GRPC_CLIENTS_SEARCH_PORT", "9083")
                .containsEntry("BOOKSHOP_AUTH_TRUSTED_JWKS_URL", "http://auth-service:8081/.well-known/jwks.json")
                .containsEntry("BOOKSHOP_MIGRATION_ROUTES_SEARCH", "canary:50")
                .containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        assertThat(ServiceSpec.NOTIFICATION_SERVICE.environment(2, Map.of(), containers))
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "notifications")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .doesNotContainKey("BOOKSHOP_MIGRATION_ROUTES_SEARCH");
        assertThat(ServiceSpec.SEARCH_SERVICE.environment(4, Map.of(), containers))
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgres:5432/search")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "search")
                .containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "true")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("QUARKUS_GRPC_CLIENTS_CATALOG_HOST", "monolith")
                .containsEntry("QUARKUS_GRPC_CLIENTS_CATALOG_PORT", "9080");
        assertThatThrownBy(() -> ServiceSpec.MONOLITH.environment(5, Map.of(), containers))
                .hasMessageContaining("Unknown migration stage '5'");
    }
}
