package dev.stranglerbookshop.acceptance;

import dev.stranglerbookshop.infra.stack.ChildProcess;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One service of the system under test, which a test may stop and start again (failure drills). */
final class ManagedService implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final URI readiness;
    private final Path logs;
    private ChildProcess process;
    private Duration readyAfter;

    ManagedService(String name, List<String> command, Map<String, String> environment, URI readiness, Path logs) {
        this.name = name;
        this.command = command;
        this.environment = environment;
        this.readiness = readiness;
        this.logs = logs;
    }

    String name() {
        return name;
    }

    /** Where its HTTP endpoints answer (health, metrics). */
    String baseUrl() {
        return readiness.resolve("/").toString();
    }

    /**
     * Another instance of this service: the same command and environment but for {@code overrides} (its ports, say),
     * not started yet. The caller stops it.
     */
    ManagedService twin(String name, Map<String, String> overrides, URI readiness) {
        Map<String, String> environment = new java.util.HashMap<>(this.environment);
        environment.putAll(overrides);
        return new ManagedService(name, command, environment, readiness, logs);
    }

    synchronized ManagedService start() {
        process = ChildProcess.start(name, command, environment, readiness, logs);
        return this;
    }

    synchronized Duration awaitReady(Duration timeout) {
        readyAfter = process.awaitReady(timeout);
        return readyAfter;
    }

    /** How long its last launch took to be ready (its own, not the slowest service's); null before it was. */
    synchronized Duration readyAfter() {
        return readyAfter;
    }

    synchronized void stop() {
        if (process != null) {
            process.stop(STOP_GRACE);
            process = null;
        }
    }

    synchronized ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        stop();
    }
}
