package dev.stranglerbookshop.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stranglerbookshop.infra.stack.StackSettings;
import dev.stranglerbookshop.infra.kafka.RealKafka;
import dev.stranglerbookshop.topology.ServiceSpec;
import dev.stranglerbookshop.topology.StagePlan;
import dev.stranglerbookshop.topology.Wiring;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml against the no-Docker stack (the same stage files, the same services, the same environment with
 * container addresses) and against the compose-spec schema, for every way of choosing a stage.
 */
class ComposeTest {

    private static final Set<String> INFRASTRUCTURE = Set.of("stage-check", "postgres", "kafka", "kafka-topics", "jaeger",
            "mailpit");

    /** Every way a user picks a stage: .env alone, STAGE=N with .env, --env-file deploy/stages/stage-N.env. */
    private static Map<String, ComposeFile> invocations() {
        Map<String, ComposeFile> invocations = new LinkedHashMap<>();
        invocations.put("docker compose up", ComposeFile.resolve(".env", Map.of()));
        for (int stage : Repository.stages()) {
            invocations.put("STAGE=" + stage + " docker compose up",
                    ComposeFile.resolve(".env", Map.of("STAGE", String.valueOf(stage))));
            invocations.put("docker compose --env-file deploy/stages/stage-" + stage + ".env up",
                    ComposeFile.resolve("deploy/stages/stage-" + stage + ".env", Map.of()));
        }
        invocations.put("ROUTE_NOTIFICATIONS=shadow docker compose --env-file deploy/stages/stage-2.env up",
                ComposeFile.resolve("deploy/stages/stage-2.env", Map.of("ROUTE_NOTIFICATIONS", "shadow")));
        return invocations;
    }

    @Test
    void everyStageRunsTheServicesAndEnvironmentOfTheLocalStack() {
        Wiring containers = Wiring.containers(Repository.ports());
        invocations().forEach((invocation, compose) -> {
            int stage = Integer.parseInt(compose.variables().get("STAGE"));
            if (refusedByStageCheck(compose, stage)) {
                return; // theShorthandIsRefusedWhereTheStageFilePlacesDataDifferently
            }
            Map<String, String> routes = StackSettings.routes(compose.variables(), Map.of());
            Set<String> expected = new TreeSet<>();
            ServiceSpec.ALL.stream().filter(s -> s.runsAt(stage)).forEach(s -> expected.add(s.name()));
            Set<String> services = new TreeSet<>(compose.services());
            services.removeAll(INFRASTRUCTURE);
            assertThat(services).as(invocation + ": services").isEqualTo(expected);
            assertThat(compose.services().contains("kafka")).as(invocation + ": Kafka runs")
                    .isEqualTo(StagePlan.stage(stage).events());
            for (String name : expected) {
                assertThat(compose.environment(name)).as(invocation + ": environment of " + name)
                        .isEqualTo(ServiceSpec.named(name).environment(stage, routes, containers));
            }
        });
    }

    @Test
    void theShorthandIsRefusedWhereTheStageFilePlacesDataDifferently() {
        for (int stage : Repository.stages()) {
            ComposeFile shorthand = ComposeFile.resolve(".env", Map.of("STAGE", String.valueOf(stage)));
            ComposeFile stageFile = ComposeFile.resolve("deploy/stages/stage-" + stage + ".env", Map.of());
            // Stage 4 moves search-service's data to its own database: only its stage file says so.
            assertThat(refusedByStageCheck(shorthand, stage)).as("STAGE=%d docker compose up is refused", stage)
                    .isEqualTo(stage == 4);
            assertThat(refusedByStageCheck(stageFile, stage)).as("--env-file stage-%d.env is refused", stage).isFalse();
        }
        // The script recomputes exactly the expression Compose resolved (so the two cannot drift apart).
        Map<String, Object> raw = new org.yaml.snakeyaml.Yaml().load(Repository.read("docker-compose.yml"));
        Map<?, ?> check = (Map<?, ?>) ((Map<?, ?>) raw.get("services")).get("stage-check");
        String template = String.valueOf(((Map<?, ?>) check.get("environment")).get("RESOLVED_DATA"));
        String script = String.valueOf(((List<?>) check.get("entrypoint")).get(2)).replace("$$", "$");
        assertThat(script).contains("data=\"" + template + "\";")
                .contains("start it with docker compose --env-file deploy/stages/stage-${STAGE}.env up")
                .contains("exit 1");
    }

    /**
     * Whether the stage-check container stops this invocation: the data placement it resolved (RESOLVED_DATA)
     * differs from the one the stage's own file gives, which the container recomputes from that file.
     */
    static boolean refusedByStageCheck(ComposeFile compose, int stage) {
        String resolved = compose.environment("stage-check").get("RESOLVED_DATA");
        String fromFile = ComposeFile.resolve("deploy/stages/stage-" + stage + ".env", Map.of())
                .environment("stage-check").get("RESOLVED_DATA");
        return !fromFile.equals(resolved);
    }

    @Test
    void theStageFilesAndDotEnvAgreeWithTheirNames() {
        assertThat(Repository.stages()).as("stages with a stage file").startsWith(0, 1, 2);
        for (int stage : Repository.stages()) {
            Map<String, String> file = StackSettings.readEnvFile(StackSettings.stageFile(Repository.ROOT, stage));
            assertThat(file).containsEntry("STAGE", String.valueOf(stage))
                    .containsEntry("COMPOSE_PROFILES", "stage-" + stage)
                    .containsKeys("ROUTE_AUTH", "ROUTE_NOTIFICATIONS", "ROUTE_SEARCH");
        }
        assertThat(ComposeFile.resolve(".env", Map.of("STAGE", "1")).variables())
                .containsEntry("COMPOSE_PROFILES", "stage-1");
    }

    @Test
    void everyResolvedStageAndTheFileItselfPassTheComposeSpecSchema() throws IOException {
        Path dir = Repository.target("compose");
        List<String> files = new ArrayList<>(List.of(Repository.file("docker-compose.yml").toString()));
        int i = 0;
        for (var entry : invocations().entrySet()) {
            Path json = dir.resolve("invocation-" + i++ + ".json");
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), entry.getValue().model());
            files.add(json.toString());
        }
        List<String> args = new ArrayList<>(List.of("compose"));
        args.addAll(files);
        Tools.Result result = Tools.node(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines().filter(l -> l.startsWith("ok "))).hasSize(files.size());
    }

    @Test
    void theSchemaCheckRejectsABrokenComposeFile() throws IOException {
        Path broken = Repository.target("compose").resolve("broken.json");
        java.nio.file.Files.writeString(broken, """
                {"services": {"monolith": {"image": 5, "depends_on": {"postgres": {"condition": "when-ready"}}}}}""");
        Tools.Result result = Tools.node("compose", broken.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("image must be string").contains("condition");
    }

    @Test
    void publishedPortsAreTheUsualOnesOnLoopbackAndHealthChecksGateStartup() {
        ComposeFile compose = ComposeFile.resolve("deploy/stages/stage-" + last() + ".env", Map.of());
        for (ServiceSpec spec : ServiceSpec.ALL) {
            if (!spec.runsAt(last())) {
                continue;
            }
            Map<String, Object> service = compose.service(spec.name());
            int http = Repository.ports().get(spec.httpPortKey());
            // Loopback only: the demo's passwords are well known.
            assertThat(String.valueOf(service.get("ports"))).as(spec.name())
                    .isEqualTo("[127.0.0.1:" + http + ":" + http + "]");
            assertThat(String.valueOf(service.get("healthcheck"))).contains("/q/health/ready");
            assertThat(String.valueOf(service.get("depends_on"))).as(spec.name() + " waits for healthy dependencies")
                    .contains("service_healthy");
            assertThat(String.valueOf(((Map<?, ?>) service.get("build")).get("args")))
                    .isEqualTo("{SERVICE=" + spec.module() + "}");
        }
    }

    @Test
    void nothingIsPublishedBeyondThisMachine() {
        ComposeFile compose = ComposeFile.resolve("deploy/stages/stage-" + last() + ".env", Map.of());
        for (String name : compose.services()) {
            Object ports = compose.service(name).get("ports");
            if (ports != null) {
                assertThat((List<?>) ports).as(name).allMatch(p -> String.valueOf(p).startsWith("127.0.0.1:"));
            }
        }
    }

    @Test
    void everyOneShotContainerIsAwaitedByARunningService() {
        // `docker compose up --wait` counts a container that exited as a failure unless a running service waits for
        // it with service_completed_successfully.
        invocations().forEach((invocation, compose) -> {
            for (String oneShot : compose.services()) {
                if (!"no".equals(String.valueOf(compose.service(oneShot).get("restart")))) {
                    continue;
                }
                assertThat(compose.services()).as(invocation + ": who waits for " + oneShot).anyMatch(name -> {
                    Object dependsOn = compose.service(name).get("depends_on");
                    return dependsOn instanceof Map<?, ?> map && map.get(oneShot) instanceof Map<?, ?> condition
                            && "service_completed_successfully".equals(condition.get("condition"));
                });
            }
        });
    }

    @Test
    void postgresIsPublishedOnTheLocalStacksPort() {
        ComposeFile compose = ComposeFile.resolve(".env", Map.of());
        assertThat(String.valueOf(compose.service("postgres").get("ports")))
                .isEqualTo("[127.0.0.1:" + Repository.ports().get("POSTGRES_PORT") + ":5432]");
    }

    @Test
    void kafkaTopicsAreTheContractsChannels() {
        Set<String> channels = new TreeSet<>(Pattern.compile("address: (\\S+)").matcher(Repository.read("proto/asyncapi.yaml"))
                .results().map(m -> m.group(1)).toList());
        ComposeFile compose = ComposeFile.resolve("deploy/stages/stage-2.env", Map.of());
        String command = String.valueOf(compose.service("kafka-topics").get("command"));
        Set<String> created = new TreeSet<>(Pattern.compile("bookshop\\.[a-z.0-9]+").matcher(command).results()
                .map(m -> m.group()).toList());
        assertThat(created).isEqualTo(channels).isNotEmpty();
        assertThat(command).contains("--partitions " + RealKafka.PARTITIONS); // as the local stack and the suite
    }

    @Test
    void postgresInitCreatesEveryServicesDatabaseAndRole() {
        String sql = Repository.read("deploy/postgres/init.sql");
        for (ServiceSpec service : ServiceSpec.ALL) {
            String db = service.database();
            assertThat(sql).contains("CREATE ROLE " + db + " LOGIN PASSWORD '" + db + "';")
                    .contains("CREATE DATABASE " + db + " OWNER " + db + ";");
        }
        for (String role : StagePlan.sharedRoles()) {
            assertThat(sql).contains("CREATE ROLE " + role + " LOGIN PASSWORD '" + role + "';");
        }
    }

    private static int last() {
        List<Integer> stages = Repository.stages();
        return stages.get(stages.size() - 1);
    }
}
