package dev.stranglerbookshop.deploy;

import dev.stranglerbookshop.infra.stack.StackSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The repository the checks read, and its shared facts: ports, stages. */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("bookshop.root", "..")).toAbsolutePath().normalize();

    private Repository() {
    }

    static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The usual ports (deploy/ports.env): inside a container every service listens on them. */
    static Map<String, Integer> ports() {
        Map<String, Integer> ports = new TreeMap<>();
        StackSettings.readEnvFile(file("deploy/ports.env")).forEach((k, v) -> ports.put(k, Integer.parseInt(v)));
        return ports;
    }

    static List<Integer> stages() {
        return StackSettings.availableStages(ROOT);
    }

    static Path target(String name) {
        try {
            return Files.createDirectories(file("deploy/target").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
