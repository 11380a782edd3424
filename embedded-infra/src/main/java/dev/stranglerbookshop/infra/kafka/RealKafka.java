package dev.stranglerbookshop.infra.kafka;

import dev.stranglerbookshop.infra.Ports;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker (KRaft, combined broker and controller, one node) running inside this JVM from the Maven Central
 * jars. Inside a Quarkus test JVM the broker version must equal the {@code kafka-clients} version the Quarkus BOM pins
 * (the parent POM keeps them together), otherwise the two clash on the classpath.
 */
public final class RealKafka implements AutoCloseable {

    /**
     * Partitions of every topic this broker makes, created or auto-created: as docker-compose.yml's
     * {@code kafka-topics} and the Kubernetes broker's {@code KAFKA_NUM_PARTITIONS}.
     */
    public static final int PARTITIONS = 3;

    private final KafkaRaftServer server;
    private final int port;
    private final Path logDirectory;
    private final boolean keepData;
    private final Duration startTime;

    private RealKafka(KafkaRaftServer server, int port, Path logDirectory, boolean keepData, Duration startTime) {
        this.server = server;
        this.port = port;
        this.logDirectory = logDirectory;
        this.keepData = keepData;
        this.startTime = startTime;
    }

    /** Starts a broker on a free port with a temporary log directory that {@link #close()} removes. */
    public static RealKafka start() {
        return start(0, null);
    }

    /**
     * @param port 0 for any free port
     * @param logDirectory null for a new temporary directory (removed on close); otherwise kept and reused
     */
    public static RealKafka start(int port, Path logDirectory) {
        long began = System.nanoTime();
        boolean keep = logDirectory != null;
        int brokerPort = port > 0 ? port : Ports.free();
        try {
            Path dir = keep ? Files.createDirectories(logDirectory) : Files.createTempDirectory("bookshop-kafka-");
            int controllerPort = controllerPort(dir);
            KafkaConfig config = new KafkaConfig(brokerProperties(brokerPort, controllerPort, dir));
            format(config);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            awaitReady(brokerPort);
            return new RealKafka(server, brokerPort, dir, keep, Duration.ofNanos(System.nanoTime() - began));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the Kafka log directory", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Duration startTime() {
        return startTime;
    }

    /**
     * Creates each topic ({@link #PARTITIONS} partitions, one replica) unless it exists, as the Compose stack does
     * before any service starts. A consumer that subscribes to a topic nobody created yet has it auto-created, then
     * waits for its metadata and a rebalance: on two busy cores its partitions were assigned 15 to 30 s after it
     * started, and the first test that needed an event absorbed the wait.
     *
     * @throws IllegalStateException when the broker does not create them within 30 s
     */
    public void createTopics(Collection<String> topics) {
        createTopics(bootstrapServers(), topics);
    }

    /** {@link #createTopics(Collection)} on the broker at {@code bootstrapServers}. */
    public static void createTopics(String bootstrapServers, Collection<String> topics) {
        try (Admin admin = admin(bootstrapServers)) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all()
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + topic + ": " + e.getCause(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + topics, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The broker did not create topics " + topics + " within 30 s", e);
        }
    }

    /**
     * Waits until every partition of {@code topics} is assigned to a member of a consumer group that is stable, so
     * that a record published afterwards is consumed without waiting for a rebalance. Readiness probes do not say
     * this (SmallRye's Kafka readiness means "connected"), and should not: one replica of many may rightly hold none.
     * A pass that fails (a topic not there yet, a group that vanished between listing and describing it, a slow
     * broker) is tried again until the time is up.
     *
     * @param topics at least one topic, each consumed by some group; their partition counts are read from the broker
     * @param timeout the whole wait, including every admin call
     * @return how long the wait took
     * @throws IllegalArgumentException when {@code topics} is empty
     * @throws IllegalStateException naming the partitions still unassigned (or the last failure) when {@code timeout}
     *         passes
     */
    public static Duration awaitConsumersAssigned(String bootstrapServers, Collection<String> topics, Duration timeout) {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("No topics to wait for");
        }
        long began = System.nanoTime();
        long until = began + timeout.toNanos();
        Set<TopicPartition> missing = null; // unknown until one pass completes
        Exception lastFailure = null;
        try (Admin admin = admin(bootstrapServers)) {
            while (System.nanoTime() < until) {
                try {
                    missing = unassigned(admin, topics, until);
                    lastFailure = null;
                    if (missing.isEmpty()) {
                        return Duration.ofNanos(System.nanoTime() - began);
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    lastFailure = e; // a pass cut short by the deadline, or a group gone between listing and describing
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for consumers of " + topics, e);
        }
        if (missing == null) {
            throw new IllegalStateException("Could not learn the consumer groups of " + topics + " within " + timeout
                    + ": " + lastFailure, lastFailure);
        }
        throw new IllegalStateException("No stable consumer group was assigned " + new java.util.TreeSet<>(
                missing.stream().map(TopicPartition::toString).toList()) + " within " + timeout
                + (lastFailure == null ? "" : " (the last look failed: " + lastFailure + ")"), lastFailure);
    }

    private static Set<TopicPartition> unassigned(Admin admin, Collection<String> topics, long until)
            throws ExecutionException, java.util.concurrent.TimeoutException, InterruptedException {
        Set<TopicPartition> wanted = new HashSet<>();
        admin.describeTopics(topics).allTopicNames().get(left(until), TimeUnit.NANOSECONDS).values()
                .forEach(topic -> topic.partitions().forEach(partition ->
                        wanted.add(new TopicPartition(topic.name(), partition.partition()))));
        List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                .get(left(until), TimeUnit.NANOSECONDS).stream().map(GroupListing::groupId).toList();
        for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups).all()
                .get(left(until), TimeUnit.NANOSECONDS).values()) {
            if (group.groupState() == GroupState.STABLE) {
                group.members().forEach(member -> wanted.removeAll(member.assignment().topicPartitions()));
            }
        }
        return wanted;
    }

    private static long left(long until) {
        return Math.max(1, until - System.nanoTime());
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (!keepData) {
            deleteRecursively(logDirectory);
        }
    }

    static Properties brokerProperties(int brokerPort, int controllerPort, Path logDirectory) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDirectory.toString());
        // One node: every internal topic has a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", String.valueOf(PARTITIONS));
        p.put("auto.create.topics.enable", "true");
        return p;
    }

    /** A restarted broker keeps its controller address: the KRaft metadata in a kept directory names it. */
    private static int controllerPort(Path dir) throws IOException {
        Path remembered = dir.resolve("controller.port");
        if (Files.exists(remembered)) {
            return Integer.parseInt(Files.readString(remembered).trim());
        }
        int port = Ports.free();
        Files.writeString(remembered, String.valueOf(port));
        return port;
    }

    private static void format(KafkaConfig config) {
        if (Files.exists(Path.of(config.metadataLogDir(), "meta.properties"))) {
            return; // a kept directory (restart, or the local stack with --keep-data) already has its cluster id
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(config.nodeId())
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(List.of(config.metadataLogDir()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the KRaft storage: " + e.getMessage(), e);
        }
    }

    /** The broker accepts connections a moment after startup() returns; wait until it answers a metadata call. */
    private static void awaitReady(int port) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka started but did not answer on port " + port + " within 30 s", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove " + dir, e);
        }
    }
}
