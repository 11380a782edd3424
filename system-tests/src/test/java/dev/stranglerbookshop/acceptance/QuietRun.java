package dev.stranglerbookshop.acceptance;

import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What a healthy run leaves behind: no ERROR line in any service's log and no record in any dead-letter topic
 * ({@code <topic>.dlq}), except those a test declared it provokes on purpose ({@link #expectErrors},
 * {@link #expectDeadLetters}). Checked after every test class (so a failure names the class it followed) and once
 * more after the services stopped, reading only what is new since the previous check.
 */
final class QuietRun {

    /** An ERROR line or dead letter a test provokes on purpose, for the rest of the run. */
    record Expectation(String source, Pattern pattern, String why) {

        boolean covers(String candidate, String text) {
            return (candidate.equals(source) || candidate.startsWith(source + "-")) && pattern.matcher(text).find();
        }
    }

    private static final int MAX_SHOWN = 20;
    /**
     * SmallRye's Kafka connector tags what fails while a consumer is being closed (a rebalance listener woken up as
     * the service stops, at the end of a run): not the run's health.
     */
    private static final String AFTER_SHUTDOWN = "[Error Occurred After Shutdown]";

    /** JBoss LogManager's names: ERROR, and FATAL and java.util.logging's SEVERE above it. */
    private static final List<String> ERROR_LEVELS = List.of("\"level\":\"ERROR\"", "\"level\":\"SEVERE\"",
            "\"level\":\"FATAL\"");

    private final Path logs;
    private final Supplier<String> bootstrapServers;
    private final Map<Path, Long> read = new HashMap<>();
    private final List<Expectation> expectedErrors = new ArrayList<>();
    private final List<Expectation> expectedDeadLetters = new ArrayList<>();
    private final Map<TopicPartition, Long> deadLettersRead = new HashMap<>();
    private KafkaConsumer<byte[], byte[]> consumer;

    /**
     * @param logs the run's own log directory (one {@code <service>.log} per process, twins included)
     * @param bootstrapServers the suite's broker, or null before stage 2 (no dead-letter topics then)
     */
    QuietRun(Path logs, Supplier<String> bootstrapServers) {
        this.logs = logs;
        this.bootstrapServers = bootstrapServers;
    }

    synchronized void expectErrors(String service, String loggerOrMessage, String why) {
        expectedErrors.add(new Expectation(service, Pattern.compile(loggerOrMessage), why));
    }

    synchronized void expectDeadLetters(String topic, String valueOrReason, String why) {
        expectedDeadLetters.add(new Expectation(topic, Pattern.compile(valueOrReason), why));
    }

    /** Fails, listing each unexpected ERROR line and dead letter since the previous check. */
    synchronized void check(String since) {
        List<String> problems = new ArrayList<>();
        List<String> errors = unexpectedErrors();
        if (!errors.isEmpty()) {
            problems.add(errors.size() + " unexpected ERROR line(s) in the services' logs (" + logs + "):");
            errors.stream().limit(MAX_SHOWN).forEach(e -> problems.add("  " + e));
        }
        List<String> deadLetters = unexpectedDeadLetters();
        if (!deadLetters.isEmpty()) {
            problems.add(deadLetters.size() + " unexpected record(s) in dead-letter topics:");
            deadLetters.stream().limit(MAX_SHOWN).forEach(d -> problems.add("  " + d));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("Since " + since + ": " + String.join("\n", problems)
                    + "\n(a test that provokes these on purpose declares them: SystemUnderTest.expectErrors / "
                    + "expectDeadLetters)");
        }
    }

    synchronized void close() {
        if (consumer != null) {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
            consumer = null;
        }
    }

    private List<String> unexpectedErrors() {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (var list = Files.list(logs)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            String service = file.getFileName().toString().replaceFirst("\\.log$", "");
            for (String line : newLines(file)) {
                if (!line.startsWith("{") || ERROR_LEVELS.stream().noneMatch(line::contains)) {
                    continue;
                }
                String logger;
                String message;
                try {
                    JsonPath json = JsonPath.from(line);
                    logger = String.valueOf(json.getString("loggerName"));
                    message = String.valueOf(json.getString("message"));
                    String exception = json.getString("exception.exceptionType");
                    if (exception != null) {
                        message += " (" + exception + ": " + json.getString("exception.message") + ")";
                    }
                } catch (RuntimeException notJson) {
                    logger = "?";
                    message = line;
                }
                String text = logger + " " + message;
                if (text.contains(AFTER_SHUTDOWN)) {
                    continue; // the connector marks it: the consumer was being closed as the service stopped
                }
                if (expectedErrors.stream().noneMatch(x -> x.covers(service, text))) {
                    found.add(service + ": [" + logger + "] " + abbreviate(message));
                }
            }
        }
        return found;
    }

    /** The complete lines appended to {@code file} since it was last read (a process may be writing its last one). */
    private List<String> newLines(Path file) {
        long from = read.getOrDefault(file, 0L);
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length < from) { // replaced: read it again from its start
                from = 0;
            }
            byte[] bytes = new byte[(int) (length - from)];
            in.seek(from);
            in.readFully(bytes);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            read.put(file, from + end);
            return new String(bytes, 0, end, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    private List<String> unexpectedDeadLetters() {
        String servers = bootstrapServers == null ? null : bootstrapServers.get();
        if (servers == null) {
            return List.of();
        }
        if (consumer == null) {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "acceptance-dead-letter-check");
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            consumer = new KafkaConsumer<>(config);
        }
        Duration timeout = Duration.ofSeconds(15);
        List<TopicPartition> partitions = consumer.listTopics(timeout).values().stream().flatMap(List::stream)
                .filter(p -> p.topic().endsWith(".dlq")).map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted(java.util.Comparator.comparing(TopicPartition::toString)).toList();
        if (partitions.isEmpty()) {
            return List.of();
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        for (TopicPartition partition : partitions) {
            consumer.seek(partition, deadLettersRead.getOrDefault(partition, beginning.get(partition)));
        }
        List<String> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Could not read the dead-letter topics " + partitions + " up to " + end
                        + " within " + timeout.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= end.get(partition)) {
                    continue;
                }
                String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
                StringBuilder headers = new StringBuilder();
                for (Header header : record.headers()) {
                    if (header.key().startsWith("dead-letter")) {
                        headers.append(' ').append(header.key()).append('=')
                                .append(header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
                    }
                }
                String text = value + headers;
                if (expectedDeadLetters.stream().noneMatch(x -> x.covers(record.topic(), text))) {
                    found.add(record.topic() + " @" + record.offset() + ": " + abbreviate(value)
                            + abbreviate(headers.toString()));
                }
            }
        }
        partitions.forEach(p -> deadLettersRead.put(p, end.get(p)));
        return found;
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "…";
    }
}
