package dev.stranglerbookshop.acceptance;

import dev.stranglerbookshop.infra.kafka.RealKafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The suite's Kafka broker (stage 2 on), which a failure drill may stop and start again with its data. */
final class Broker implements AutoCloseable {

    private final int port;
    private final Path data;
    private RealKafka kafka;

    Broker(int port) {
        this.port = port;
        try {
            this.data = Files.createTempDirectory("bookshop-suite-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where clients reach it (whether it runs at the moment or not). */
    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    synchronized Broker start() {
        if (kafka == null) {
            kafka = RealKafka.start(port, data.resolve("log"));
        }
        return this;
    }

    synchronized void stop() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    @Override
    public void close() {
        stop();
        try (var paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
