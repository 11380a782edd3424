package dev.stranglerbookshop.deploy;

import dev.stranglerbookshop.topology.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The one image recipe (deploy/docker/Dockerfile): lint-clean, buildable from this tree, as the local stack runs. */
class DockerfileTest {

    private static final Path DOCKERFILE = Repository.file("deploy/docker/Dockerfile");

    @Test
    void passesTheLinter() {
        Tools.Result result = Tools.dockerfilelint(DOCKERFILE);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("\"issues_count\":0");
    }

    @Test
    void theLinterCatchesABadDockerfile() throws IOException {
        Path bad = Repository.target("docker").resolve("Dockerfile.bad");
        Files.writeString(bad, "FROM ubuntu:latest\nRUN sudo apt-get install curl\n");
        Tools.Result result = Tools.dockerfilelint(bad);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("Base Image Latest Tag").contains("sudo");
    }

    @Test
    void everyCopySourceExistsAndNothingCopiedIsIgnored() throws IOException {
        List<String> copies = Files.readAllLines(DOCKERFILE).stream()
                .filter(l -> l.startsWith("COPY ") && !l.contains("--from=")).toList();
        assertThat(copies).isNotEmpty();
        List<String> ignored = Files.readAllLines(Repository.file(".dockerignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.replace("**/", "").replaceAll("/$", ""))
                .toList();
        for (String copy : copies) {
            String[] parts = copy.substring(5).trim().split("\\s+");
            for (String source : Arrays.copyOf(parts, parts.length - 1)) {
                assertThat(Repository.file(source)).as(copy).exists();
                assertThat(ignored).as(source + " is excluded by .dockerignore").doesNotContain(source.replaceAll("/$", ""));
            }
        }
        // Every module the reactor lists must be in the build context the image copies.
        for (String module : Pattern.compile("<module>([^<]+)</module>").matcher(Repository.read("pom.xml")).results()
                .map(m -> m.group(1)).toList()) {
            assertThat(copies).as("the image build copies module " + module)
                    .anyMatch(c -> c.contains(" " + module + "/"));
        }
    }

    @Test
    void pinsItsBaseImagesRunsAsAnUnprivilegedUserWithTheLocalStacksJvmOptions() throws IOException {
        List<String> lines = Files.readAllLines(DOCKERFILE);
        assertThat(lines.stream().filter(l -> l.startsWith("FROM ")))
                .hasSize(2).allMatch(l -> l.matches("FROM [a-z0-9./-]+:\\d+[^ ]* AS [a-z]+"));
        assertThat(lines).contains("USER 10001");
        String entrypoint = lines.stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
        String expected = String.join("\", \"", ServiceSpec.JVM_OPTIONS);
        assertThat(entrypoint).contains("\"java\", \"" + expected + "\", \"-jar\"");
    }
}
