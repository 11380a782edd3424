package dev.stranglerbookshop.deploy;

import dev.stranglerbookshop.infra.stack.StackSettings;
import dev.stranglerbookshop.topology.AcceptanceRun;
import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.Route;
import dev.stranglerbookshop.topology.ServiceSpec;
import dev.stranglerbookshop.topology.StagePlan;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything that runs a stage outside the code agrees with the stage plan (topology's {@link StagePlan}): the stage
 * files, Compose's profiles, the Kubernetes overlays, the CI matrices and the acceptance suite's executions. Adding a
 * stage to the plan without them (or them without the plan) fails here, naming what is missing.
 */
class StagePlanTest {

    @Test
    void everyStageOfThePlanHasAStageFileAndNoOtherStageDoes() {
        assertThat(StackSettings.availableStages(Repository.ROOT)).isEqualTo(StagePlan.numbers());
    }

    @Test
    void composeProfilesStartEachServiceAtTheStagesThePlanRunsIt() {
        Map<String, Object> services = composeServices();
        for (ServiceSpec service : ServiceSpec.ALL) {
            List<Integer> stages = StagePlan.stagesRunning(service);
            Object profiles = ((Map<?, ?>) services.get(service.name())).get("profiles");
            if (stages.equals(StagePlan.numbers()) && profiles == null) {
                continue; // runs at every stage: no profile at all
            }
            assertThat(profiles).as(service.name() + "'s profiles").isEqualTo(profilesOf(stages));
        }
        for (String eventsPart : List.of("kafka", "kafka-topics")) {
            assertThat(((Map<?, ?>) services.get(eventsPart)).get("profiles")).as(eventsPart + "'s profiles")
                    .isEqualTo(profilesOf(StagePlan.stagesWithEvents()));
        }
    }

    @Test
    void composeRefusesAStageThatIsNotBuilt() {
        // The stage-check container reads deploy/stages/stage-${STAGE}.env: a stage without a file stops Compose.
        List<Integer> notBuilt = new ArrayList<>(StagePlan.PLANNED.keySet());
        notBuilt.add(StagePlan.numbers().size()); // the next number: no file either
        for (int planned : notBuilt) {
            ComposeFile compose = ComposeFile.resolve(".env", Map.of("STAGE", String.valueOf(planned)));
            String envFile = String.valueOf(compose.service("stage-check").get("env_file"));
            assertThat(Repository.file(envFile)).as("stage %d is refused by Compose", planned).doesNotExist();
        }
        for (int stage : StagePlan.numbers()) {
            ComposeFile compose = ComposeFile.resolve(".env", Map.of("STAGE", String.valueOf(stage)));
            assertThat(Repository.file(String.valueOf(compose.service("stage-check").get("env_file")))).exists();
        }
    }

    @Test
    void kubernetesHasAnOverlayPerStageWithThePlansComponents() throws IOException {
        try (var overlays = Files.list(Repository.file("deploy/k8s/overlays"))) {
            assertThat(overlays.map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(StagePlan.numbers().stream().map(n -> "stage-" + n).toList());
        }
        for (int stage : StagePlan.numbers()) {
            Map<String, Object> overlay = new Yaml().load(Repository.read(
                    "deploy/k8s/overlays/stage-" + stage + "/kustomization.yaml"));
            Set<String> components = new TreeSet<>();
            for (Object path : (List<?>) overlay.getOrDefault("components", List.of())) {
                components.add(Path.of(String.valueOf(path)).getFileName().toString());
            }
            Set<String> expected = new TreeSet<>();
            ServiceSpec.ALL.stream().filter(s -> s != ServiceSpec.MONOLITH && s.runsAt(stage))
                    .forEach(s -> expected.add(s.name()));
            if (StagePlan.stage(stage).events()) {
                expected.add("kafka");
            }
            assertThat(components).as("stage %d's components", stage).isEqualTo(expected);
        }
    }

    @Test
    void theAcceptanceExecutionsAreThePlansRuns() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Repository.file("system-tests/pom.xml").toFile());
        NodeList executions = pom.getElementsByTagName("execution");
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < executions.getLength(); i++) {
            Element execution = (Element) executions.item(i);
            if (!((Element) execution.getParentNode().getParentNode()).getElementsByTagName("artifactId").item(0)
                    .getTextContent().equals("maven-failsafe-plugin")) {
                continue;
            }
            Map<String, String> properties = new java.util.HashMap<>();
            NodeList variables = execution.getElementsByTagName("systemPropertyVariables");
            if (variables.getLength() > 0) {
                NodeList children = variables.item(0).getChildNodes();
                for (int j = 0; j < children.getLength(); j++) {
                    if (children.item(j) instanceof Element property) {
                        properties.put(property.getTagName(), property.getTextContent().strip());
                    }
                }
            }
            runs.add(describe(properties));
        }
        assertThat(runs).as("system-tests/pom.xml failsafe executions")
                .containsExactlyInAnyOrderElementsOf(planned(StagePlan.acceptanceRuns()));
    }

    @Test
    void ciRunsComposeAtEveryStageAndTheAcceptanceSuiteAsThePlanSays() {
        Map<String, Object> workflow = new Yaml().load(Repository.read(".github/workflows/ci.yml"));
        Map<?, ?> jobs = (Map<?, ?>) workflow.get("jobs");
        Map<?, ?> composeMatrix = matrix(jobs, "compose");
        assertThat((List<?>) composeMatrix.get("stage")).isEqualTo(StagePlan.numbers());

        // `verify` runs the suite once at stage 0 (single run); the `acceptance` job runs every other run.
        List<String> runs = new ArrayList<>(List.of(describe(Map.of())));
        Pattern property = Pattern.compile("-D(bookshop\\.[a-z.]+)=(\\S+)");
        for (Object entry : (List<?>) matrix(jobs, "acceptance").get("include")) {
            Map<String, String> properties = new java.util.HashMap<>();
            Matcher m = property.matcher(String.valueOf(((Map<?, ?>) entry).get("args")));
            while (m.find()) {
                properties.put(m.group(1), m.group(2));
            }
            runs.add(describe(properties));
        }
        assertThat(runs).as("ci.yml acceptance runs").containsExactlyInAnyOrderElementsOf(
                planned(StagePlan.acceptanceRuns()));
    }

    /** A run as "stage N auth=... notifications=... search=..." with every route made explicit. */
    private static String describe(Map<String, String> properties) {
        int stage = Integer.parseInt(properties.getOrDefault("bookshop.stage", "0"));
        Map<Capability, Route> routes = new EnumMap<>(StagePlan.stage(stage).defaultRoutes());
        properties.forEach((name, value) -> {
            if (name.startsWith("bookshop.routes.")) {
                routes.put(Capability.parse(name.substring("bookshop.routes.".length())), Route.parse(value));
            }
        });
        return canonical(stage, routes);
    }

    private static List<String> planned(List<AcceptanceRun> runs) {
        return runs.stream().map(r -> canonical(r.stage(), r.routes())).toList();
    }

    private static String canonical(int stage, Map<Capability, Route> routes) {
        return "stage " + stage + new EnumMap<>(routes);
    }

    private static Map<?, ?> matrix(Map<?, ?> jobs, String job) {
        return (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) jobs.get(job)).get("strategy")).get("matrix");
    }

    private static List<String> profilesOf(List<Integer> stages) {
        return stages.stream().map(n -> "stage-" + n).toList();
    }

    private static Map<String, Object> composeServices() {
        Map<String, Object> raw = new Yaml().load(Repository.read("docker-compose.yml"));
        @SuppressWarnings("unchecked")
        Map<String, Object> services = (Map<String, Object>) raw.get("services");
        return services;
    }
}
