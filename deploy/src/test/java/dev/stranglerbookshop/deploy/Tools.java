package dev.stranglerbookshop.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the external validators (node scripts, dockerfilelint, kubectl), each with a deadline. */
final class Tools {

    record Result(int exitCode, String output) {
    }

    private Tools() {
    }

    static Result node(String... args) {
        List<String> command = new ArrayList<>(List.of("node", Repository.file("deploy/checks/validate.mjs").toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    static Result dockerfilelint(Path dockerfile) {
        return run(List.of(Repository.file("tools/node_modules/.bin/dockerfilelint").toString(), "-o", "json",
                dockerfile.toString()));
    }

    static Result kustomize(Path overlay) {
        return run(List.of("kubectl", "kustomize", overlay.toString()));
    }

    static Result run(List<String> command) {
        try {
            Path output = Files.createTempFile("deploy-check-", ".out");
            Process process = new ProcessBuilder(command).directory(Repository.ROOT.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("No answer within 60 s: " + command);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new AssertionError("Cannot run " + command.get(0) + " (see .ci/run for what the checks need): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
