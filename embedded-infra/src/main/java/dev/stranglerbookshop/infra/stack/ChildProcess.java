package dev.stranglerbookshop.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process of the local stack: started with its own log file ({@code <name>.log}, appended to: whoever starts a
 * fresh stack empties the directory first), ready when its health URL answers 200.
 */
public final class ChildProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final URI readiness;
    private final Path log;
    private final Process process;
    private final long startedAt = System.nanoTime();

    private ChildProcess(String name, URI readiness, Path log, Process process) {
        this.name = name;
        this.readiness = readiness;
        this.log = log;
        this.process = process;
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> environment, URI readiness,
                              Path logDirectory) {
        Path log = logDirectory.resolve(name + ".log");
        // Appended to, never truncated: a process stopped and started again (a failure drill) keeps its earlier log.
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            return new ChildProcess(name, readiness, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + ": " + String.join(" ", command), e);
        }
    }

    /** Removes the {@code *.log} files of {@code logDirectory}: for a fresh start of the processes logging there. */
    public static void forgetLogs(Path logDirectory) {
        try (var files = Files.list(logDirectory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not empty " + logDirectory, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Polls the readiness URL; fails early, with the end of the log, if the process dies first. */
    public Duration awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready. Last lines of " + log + ":\n" + tail(30));
            }
            if (answers200()) {
                return Duration.ofNanos(System.nanoTime() - startedAt);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s ("
                + readiness + "). Last lines of " + log + ":\n" + tail(30));
    }

    /** Memory (PSS) of the process and its descendants, in MiB (Linux /proc). */
    public long pssMiB() {
        return ProcMemory.treePssKiB(process.pid()) / 1024;
    }

    public long rssMiB() {
        return ProcMemory.treeRssKiB(process.pid()) / 1024;
    }

    /** SIGTERM, then SIGKILL after the grace period: nothing outlives the stack. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private boolean answers200() {
        try {
            HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
    }

    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
