package dev.stranglerbookshop.deploy;

import dev.stranglerbookshop.contracts.events.Topics;
import dev.stranglerbookshop.infra.kafka.RealKafka;
import dev.stranglerbookshop.topology.ServiceSpec;
import dev.stranglerbookshop.topology.StagePlan;
import dev.stranglerbookshop.topology.Wiring;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/k8s: one overlay per stage renders with kustomize, every object passes its Kubernetes schema, and each
 * service runs with the no-Docker stack's environment (container addresses), probes and measured memory.
 */
class KubernetesTest {

    private static final Set<String> INFRASTRUCTURE = Set.of("postgres", "kafka", "jaeger", "mailpit");

    private static List<Map<String, Object>> render(int stage) throws IOException {
        Path overlay = Repository.file("deploy/k8s/overlays/stage-" + stage);
        assertThat(overlay.resolve("kustomization.yaml")).as("an overlay for stage " + stage).exists();
        Tools.Result result = Tools.kustomize(overlay);
        assertThat(result.exitCode()).as(result.output()).isZero();
        Files.writeString(Repository.target("k8s").resolve("stage-" + stage + ".yaml"), result.output());
        List<Map<String, Object>> objects = new ArrayList<>();
        new Yaml().loadAll(result.output()).forEach(o -> objects.add(cast(o)));
        return objects;
    }

    @Test
    void everyStageRendersAndPassesTheKubernetesSchemas() throws IOException {
        List<String> args = new ArrayList<>(List.of("k8s"));
        for (int stage : Repository.stages()) {
            render(stage);
            args.add(Repository.target("k8s").resolve("stage-" + stage + ".yaml").toString());
        }
        Tools.Result result = Tools.node(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("ok ").doesNotContain("invalid");
    }

    @Test
    void theSchemaCheckRejectsABrokenObject() throws IOException {
        Path broken = Repository.target("k8s").resolve("broken.yaml");
        Files.writeString(broken, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: monolith}
                spec: {replicas: one, selector: {}, template: {spec: {containers: [{image: 5}]}}}
                """);
        Tools.Result result = Tools.node("k8s", broken.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("replicas must be integer").contains("required property name");
    }

    @Test
    void eachStageRunsItsServicesWithTheLocalStacksEnvironmentProbesAndMemory() throws IOException {
        Wiring containers = Wiring.containers(Repository.ports());
        for (int stage : Repository.stages()) {
            List<Map<String, Object>> objects = render(stage);
            Set<String> deployments = new TreeSet<>();
            for (Map<String, Object> deployment : ofKind(objects, "Deployment")) {
                deployments.add(name(deployment));
            }
            Set<String> expected = new TreeSet<>(Set.of("postgres", "jaeger", "mailpit"));
            if (StagePlan.stage(stage).events()) {
                expected.add("kafka");
            }
            ServiceSpec.ALL.stream().filter(s -> s.runsAt(stage)).forEach(s -> expected.add(s.name()));
            assertThat(deployments).as("stage " + stage + " deployments").isEqualTo(expected);

            for (Map<String, Object> deployment : ofKind(objects, "Deployment")) {
                if (INFRASTRUCTURE.contains(name(deployment))) {
                    continue;
                }
                Map<String, Object> container = container(deployment);
                assertThat(container).as(name(deployment)).containsKeys("readinessProbe", "livenessProbe", "startupProbe");
                assertThat(String.valueOf(container.get("readinessProbe"))).contains("/q/health/ready");
                assertThat(String.valueOf(container.get("resources")))
                        .isEqualTo("{limits={memory=384Mi}, requests={cpu=100m, memory=384Mi}}");
                assertThat(environment(objects, container)).as("stage " + stage + " " + name(deployment))
                        .isEqualTo(ServiceSpec.named(name(deployment)).environment(stage, Map.of(), containers));
            }
        }
    }

    @Test
    void theContractsTopicsAreCreatedBeforeAnyoneSubscribesWhereEventsFlow() throws IOException {
        for (int stage : Repository.stages()) {
            List<Map<String, Object>> jobs = ofKind(render(stage), "Job");
            if (!StagePlan.stage(stage).events()) {
                assertThat(jobs).as("stage " + stage + ": no broker, no topics").isEmpty();
                continue;
            }
            assertThat(jobs).as("stage " + stage).singleElement().satisfies(job -> assertThat(name(job))
                    .isEqualTo("kafka-topics"));
            String command = String.valueOf(container(jobs.get(0)).get("args"));
            assertThat(new TreeSet<>(Pattern.compile("bookshop\\.[a-z.0-9]+").matcher(command).results()
                    .map(m -> m.group()).toList())).isEqualTo(new TreeSet<>(Topics.all()));
            assertThat(command).contains("--partitions " + RealKafka.PARTITIONS).contains("--if-not-exists");
        }
    }

    @Test
    void theInfrastructureImagesAreComposesOnes() throws IOException {
        String compose = Repository.read("docker-compose.yml");
        List<Map<String, Object>> objects = render(Repository.stages().get(Repository.stages().size() - 1));
        for (Map<String, Object> deployment : ofKind(objects, "Deployment")) {
            String image = String.valueOf(container(deployment).get("image"));
            assertThat(compose).as(name(deployment) + " runs the image Compose runs").contains("image: " + image);
        }
    }

    @Test
    void postgresInitIsTheComposeOne() throws IOException {
        Map<String, Object> init = ofKind(render(0), "ConfigMap").stream().filter(c -> name(c).equals("postgres-init"))
                .findFirst().orElseThrow();
        assertThat(((Map<?, ?>) init.get("data")).get("init.sql")).isEqualTo(Repository.read("deploy/postgres/init.sql"));
    }

    /** What the container sees: its ConfigMaps and Secrets (envFrom), then its own env. */
    private static Map<String, String> environment(List<Map<String, Object>> objects, Map<String, Object> container) {
        Map<String, String> env = new TreeMap<>();
        for (Object source : (List<?>) container.getOrDefault("envFrom", List.of())) {
            Map<?, ?> ref = (Map<?, ?>) source;
            boolean secret = ref.containsKey("secretRef");
            String name = String.valueOf(((Map<?, ?>) ref.get(secret ? "secretRef" : "configMapRef")).get("name"));
            Map<String, Object> object = ofKind(objects, secret ? "Secret" : "ConfigMap").stream()
                    .filter(o -> name(o).equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("envFrom names a missing object: " + name));
            ((Map<?, ?>) object.get(secret ? "stringData" : "data")).forEach((k, v) -> env.put(String.valueOf(k),
                    String.valueOf(v)));
        }
        for (Object variable : (List<?>) container.getOrDefault("env", List.of())) {
            env.put(String.valueOf(((Map<?, ?>) variable).get("name")), String.valueOf(((Map<?, ?>) variable).get("value")));
        }
        return env;
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    private static String name(Map<String, Object> object) {
        return String.valueOf(((Map<?, ?>) object.get("metadata")).get("name"));
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        Map<?, ?> spec = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) deployment.get("spec")).get("template")).get("spec");
        return cast(((List<?>) spec.get("containers")).get(0));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
