package dev.stranglerbookshop.monolith.outbox;

import dev.stranglerbookshop.infra.Ports;
import dev.stranglerbookshop.infra.kafka.RealKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real Kafka broker the tests can stop and start again on the same port with the same data, to play a broker
 * outage while the monolith keeps running.
 */
public class RestartableKafka implements QuarkusTestResourceLifecycleManager {

    private static int port;
    private static Path data;
    private static RealKafka broker;

    @Override
    public Map<String, String> start() {
        try {
            data = Files.createTempDirectory("bookshop-outbox-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = Ports.free();
        broker = RealKafka.start(port, data.resolve("log"));
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    public static String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public static synchronized void stopBroker() {
        broker.close();
        broker = null;
    }

    public static synchronized void startBroker() {
        if (broker == null) {
            broker = RealKafka.start(port, data.resolve("log"));
        }
    }

    @Override
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
        }
        try (var paths = Files.walk(data)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
