package dev.stranglerbookshop.infra.stack;

import dev.stranglerbookshop.contracts.events.Topics;
import dev.stranglerbookshop.infra.Ports;
import dev.stranglerbookshop.infra.kafka.RealKafka;
import dev.stranglerbookshop.infra.postgres.RealPostgres;
import dev.stranglerbookshop.topology.ServiceSpec;
import dev.stranglerbookshop.topology.StagePlan;
import dev.stranglerbookshop.topology.Wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system without Docker: PostgreSQL and Kafka in this JVM (from Maven Central artifacts), Zipkin and
 * GreenMail from their jars, and the four packaged services as child processes. Ctrl-C stops everything and removes
 * the data unless {@code --keep-data}. Started by {@code ./run-local.sh}.
 */
public final class LocalStack {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final StackSettings settings;
    private final List<ChildProcess> children = new ArrayList<>();
    private final Map<String, Duration> readyAfter = new HashMap<>();
    private final long began = System.nanoTime();
    private RealPostgres postgres;
    private RealKafka kafka;
    private long rssTotalMiB;
    private long pssTotalMiB;

    private LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        StackSettings settings;
        try {
            settings = StackSettings.parse(Path.of("").toAbsolutePath(), args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop();
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("\nThe local stack could not start: " + e.getMessage());
            System.exit(1);
        }
        stack.report();
        if (settings.exitWhenReady()) {
            System.exit(0);
        }
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    private void start() {
        checkPorts();
        Path logs = directory("logs");
        ChildProcess.forgetLogs(logs); // each start of the stack writes fresh logs (a process appends to its own)
        Path data = settings.keepData() ? directory("data") : null;

        postgres = RealPostgres.start(settings.port("POSTGRES_PORT"), data == null ? null : data.resolve("postgres"));
        readyAfter.put("postgres", postgres.startTime());
        for (ServiceSpec service : ServiceSpec.ALL) {
            postgres.ensureDatabase(service.database(), service.database());
        }
        // Before the monolith starts: it grants these roles what the stage plan lets them do (StageGrants).
        StagePlan.sharedRoles().forEach(role -> postgres.ensureRole(role, role));
        if (StagePlan.stage(settings.stage()).events()) {
            kafka = RealKafka.start(settings.port("KAFKA_PORT"), data == null ? null : data.resolve("kafka"));
            readyAfter.put("kafka", kafka.startTime());
            kafka.createTopics(Topics.all()); // as Compose's kafka-topics does, before anyone subscribes
        }

        Path tools = settings.root().resolve("embedded-infra/target/stack/tools");
        children.add(ChildProcess.start("zipkin", List.of(java(), "-Xmx128m", "-XX:+UseSerialGC", "-jar",
                        tools.resolve("zipkin-server-exec.jar").toString()),
                // At most this many spans in memory, oldest first out: a long demo must not run the heap out.
                Map.of("QUERY_PORT", port("ZIPKIN_PORT"), "MEM_MAX_SPANS", "20000"),
                URI.create("http://127.0.0.1:" + port("ZIPKIN_PORT") + "/health"), logs));
        children.add(ChildProcess.start("greenmail", List.of(java(), "-Xmx96m", "-XX:+UseSerialGC",
                        "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + port("SMTP_PORT"),
                        "-Dgreenmail.imap.hostname=127.0.0.1", "-Dgreenmail.imap.port=" + port("IMAP_PORT"),
                        "-Dgreenmail.hostname=127.0.0.1", "-Dgreenmail.auth.disabled",
                        "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + port("MAIL_API_PORT"),
                        "-jar", tools.resolve("greenmail-standalone.jar").toString()),
                Map.of(), URI.create("http://127.0.0.1:" + port("MAIL_API_PORT") + "/api/service/readiness"), logs));
        Wiring wiring = Wiring.loopback(settings.ports());
        for (ServiceSpec service : running()) {
            children.add(ChildProcess.start(service.name(), service.command(java(), settings.root()),
                    service.environment(settings.stage(), settings.routes(), wiring),
                    URI.create("http://127.0.0.1:" + settings.port(service.httpPortKey()) + "/q/health/ready"), logs));
        }
        for (ChildProcess child : children) {
            readyAfter.put(child.name(), child.awaitReady(READY_TIMEOUT));
        }
    }

    private void report() {
        Duration total = Duration.ofNanos(System.nanoTime() - began);
        System.out.printf("%nStrangler Bookshop is up at stage %d%s (all ready after %.1f s)%n%n", settings.stage(),
                settings.routes().isEmpty() ? "" : ", routes " + settings.routes(), total.toMillis() / 1000.0);
        System.out.printf("  %-24s %-44s %9s %8s %8s%n", "process", "url", "ready (s)", "RSS MiB", "PSS MiB");
        long self = ProcessHandle.current().pid();
        long postmaster = postgres.serverPid();
        row("postgres", "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/<service>", "postgres",
                ProcMemory.treeRssKiB(postmaster) / 1024, ProcMemory.treePssKiB(postmaster) / 1024);
        row(kafka != null ? "kafka (+ this launcher)" : "this launcher", kafka != null ? kafka.bootstrapServers() : "",
                "kafka", ProcMemory.rssKiB(self) / 1024, ProcMemory.pssKiB(self) / 1024);
        for (ChildProcess child : children) {
            row(child.name(), urlOf(child.name()), child.name(), child.rssMiB(), child.pssMiB());
        }
        System.out.printf("  %-24s %-44s %9s %8d %8d%n", "sum", "", "", rssTotalMiB, pssTotalMiB);
        System.out.println("  (PSS counts memory shared between processes once; RSS counts it in every process.)");
        System.out.printf("%n  Start here: http://127.0.0.1:%s/shop   Migration panel: http://127.0.0.1:%1$s/admin/migration"
                + "  (admin, dev only: %s / %s)%n", port("MONOLITH_HTTP_PORT"), ServiceSpec.DEV_ADMIN_EMAIL,
                ServiceSpec.DEV_ADMIN_PASSWORD);
        System.out.printf("  API: http://127.0.0.1:%s/q/swagger-ui%n", port("MONOLITH_HTTP_PORT"));
        System.out.printf("  Traces: http://127.0.0.1:%s/zipkin/   Mail: http://127.0.0.1:%s/api/user/<email>/messages/INBOX%n",
                port("ZIPKIN_PORT"), port("MAIL_API_PORT"));
        System.out.printf("  Logs: %s%n%n", settings.stackDirectory().resolve("logs"));
    }

    private void row(String label, String url, String key, long rssMiB, long pssMiB) {
        Duration ready = readyAfter.get(key);
        System.out.printf("  %-24s %-44s %9s %8d %8d%n", label, url,
                ready == null ? "" : String.format("%.1f", ready.toMillis() / 1000.0), rssMiB, pssMiB);
        rssTotalMiB += rssMiB;
        pssTotalMiB += pssMiB;
    }

    private String urlOf(String name) {
        return switch (name) {
            case "zipkin" -> "http://127.0.0.1:" + port("ZIPKIN_PORT") + "/zipkin/";
            case "greenmail" -> "smtp://127.0.0.1:" + port("SMTP_PORT");
            default -> settings.url(ServiceSpec.named(name));
        };
    }

    private synchronized void stop() {
        // All at once: each JVM takes a second or two to drain, no reason to queue them.
        children.parallelStream().forEach(child -> child.stop(STOP_GRACE));
        children.clear();
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        System.out.println("Local stack stopped" + (settings.keepData()
                ? "; data kept in " + settings.stackDirectory().resolve("data") : "; data removed") + ".");
    }

    private void checkPorts() {
        settings.ports().forEach((name, port) -> Ports.requireFree(port, name));
        for (ServiceSpec service : running()) {
            Path jar = service.jar(settings.root());
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: run ./run-local.sh --rebuild");
            }
        }
    }

    /** The services this stage runs (the same set as docker-compose.yml's profile for the stage). */
    private List<ServiceSpec> running() {
        return ServiceSpec.ALL.stream().filter(s -> s.runsAt(settings.stage())).toList();
    }

    private Path directory(String name) {
        try {
            return Files.createDirectories(settings.stackDirectory().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String port(String name) {
        return String.valueOf(settings.port(name));
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
