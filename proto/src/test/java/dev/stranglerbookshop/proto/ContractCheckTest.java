package dev.stranglerbookshop.proto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The breaking-change check must be able to fail: the same buf command the build runs, on a copy of the contracts
 * with one field renumbered, has to report the break.
 */
class ContractCheckTest {

    private static final Path BUF = Path.of(System.getProperty("buf", "../tools/node_modules/.bin/buf"));

    @Test
    void theCurrentContractsAreCompatibleWithTheBaseline() throws Exception {
        assertThat(buf(Path.of("")).exitCode).as("buf breaking on the real contracts").isZero();
    }

    @Test
    void renumberingAFieldIsReportedAsABreakingChange(@TempDir Path copy) throws Exception {
        copyTree(Path.of(""), copy);
        Path auth = copy.resolve("src/main/proto/bookshop/auth/v1/auth.proto");
        String contract = Files.readString(auth);
        assertThat(contract).contains("string display_name = 3;");
        Files.writeString(auth, contract.replaceFirst("string display_name = 3;", "string display_name = 13;"));

        Result result = buf(copy);

        assertThat(result.exitCode).isNotZero();
        assertThat(result.output).contains("display_name").contains("auth.proto");
    }

    private static Result buf(Path directory) throws IOException, InterruptedException {
        assertThat(BUF).as("buf is installed by the build (npm install in tools/)").exists();
        Process process = new ProcessBuilder(BUF.toAbsolutePath().toString(), "breaking", "--against",
                "compat/baseline.json").directory(directory.toAbsolutePath().toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        for (String part : new String[] {"buf.yaml", "compat", "src/main/proto"}) {
            try (Stream<Path> files = Files.walk(from.resolve(part))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = to.resolve(from.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
    }

    private record Result(int exitCode, String output) {
    }
}
