package dev.stranglerbookshop.deploy;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The GitHub workflow a fork runs: valid for GitHub (SchemaStore's schema) and covering every stage. */
class WorkflowTest {

    private static final Path WORKFLOW = Repository.file(".github/workflows/ci.yml");

    private static Tools.Result validate(Path file) {
        return Tools.run(List.of(Repository.file("tools/node_modules/.bin/action-validator").toString(), file.toString()));
    }

    @Test
    void isAValidWorkflow() {
        Tools.Result result = validate(WORKFLOW);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void theValidatorRejectsABrokenWorkflow() throws IOException {
        Path broken = Repository.target("workflow").resolve("broken.yml");
        Files.writeString(broken, "on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    timeout-minutes: soon\n"
                + "    steps:\n      - uses: actions/checkout@v4\n");
        Tools.Result result = validate(broken);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("timeout-minutes");
    }

    @Test
    void composeRunsAtEveryStageAndTheDefaultTestCommandIsBuiltIn() {
        Map<String, Object> workflow = new Yaml().load(Repository.read(".github/workflows/ci.yml"));
        Map<?, ?> jobs = (Map<?, ?>) workflow.get("jobs");
        Map<?, ?> matrix = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) jobs.get("compose")).get("strategy")).get("matrix");
        assertThat((List<?>) matrix.get("stage")).isEqualTo(Repository.stages());
        String text = Repository.read(".github/workflows/ci.yml");
        assertThat(text).contains("deploy/smoke-test.sh ${{ matrix.stage }}").contains("./mvnw -B -ntp verify");
    }
}
