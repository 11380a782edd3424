package dev.stranglerbookshop.acceptance;

import dev.stranglerbookshop.contracts.events.Topics;
import dev.stranglerbookshop.infra.Ports;
import dev.stranglerbookshop.infra.kafka.RealKafka;
import dev.stranglerbookshop.infra.postgres.RealPostgres;
import dev.stranglerbookshop.infra.stack.ChildProcess;
import dev.stranglerbookshop.infra.stack.StackSettings;
import dev.stranglerbookshop.topology.AcceptanceRun;
import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.Route;
import dev.stranglerbookshop.topology.ServiceSpec;
import dev.stranglerbookshop.topology.StagePlan;
import dev.stranglerbookshop.topology.Wiring;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The running system the acceptance suite drives, through its public HTTP API only.
 * <ul>
 *   <li>{@code -Dbookshop.url=http://127.0.0.1:8080}: an already running system (e.g. {@code ./run-local.sh}).</li>
 *   <li>otherwise: started once for the whole suite from the packaged services, at stage {@code -Dbookshop.stage}
 *       (default 0), on free ports, with real PostgreSQL and a real SMTP server (GreenMail standalone); stopped
 *       when the suite ends.</li>
 * </ul>
 * A system the suite started must stay quiet ({@link QuietRun}): after each test class, and once more after the
 * services stopped, the run fails on any ERROR line in a service's log or record in a dead-letter topic that no test
 * declared with {@link #expectErrors} or {@link #expectDeadLetters}.
 */
public final class SystemUnderTest implements BeforeAllCallback, AfterAllCallback {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static volatile Running current;
    private static volatile String zipkinUrl;

    /** The trace backend's base URL when the suite started one (stage 1 and later), else null. */
    static String zipkinUrl() {
        return zipkinUrl;
    }

    /** The system the suite runs against (after the first test class started it). */
    static Running current() {
        return current;
    }

    /** The stage under test: -Dbookshop.stage (0 by default), as asked for and checked at start. */
    static int stage() {
        return Integer.parseInt(System.getProperty("bookshop.stage", "0"));
    }

    /**
     * The services' JVM options: the demo's ({@code ServiceSpec.JVM_OPTIONS}) unless {@code -Dbookshop.jvm-options}
     * (space-separated) says otherwise, e.g. to measure steady state without {@code -XX:TieredStopAtLevel=1}.
     */
    static List<String> jvmOptions() {
        String configured = System.getProperty("bookshop.jvm-options");
        return configured == null ? ServiceSpec.JVM_OPTIONS
                : java.util.Arrays.stream(configured.strip().split("\\s+")).filter(o -> !o.isEmpty()).toList();
    }

    /** Whether the stage plan runs this service at the stage under test (then its tests must run, not skip). */
    static boolean runs(ServiceSpec service) {
        return StagePlan.stage(stage()).runs(service);
    }

    /**
     * Declares ERROR lines a test provokes on purpose (a drill: a service killed mid-call, the broker stopped), so the
     * run's quiet check lets them pass for the rest of the run. {@code service} is the log's name (a twin's log,
     * {@code <service>-<suffix>}, counts as its service's); {@code loggerOrMessage} a regular expression found in
     * "{@code <logger> <message>}".
     */
    static void expectErrors(String service, String loggerOrMessage, String why) {
        Running system = current;
        if (system != null && system.quiet() != null) {
            system.quiet().expectErrors(service, loggerOrMessage, why);
        }
    }

    /**
     * Declares records a test puts in the dead-letter topic {@code topic} on purpose; {@code valueOrReason} a regular
     * expression found in the record's value followed by its {@code dead-letter-*} headers.
     */
    static void expectDeadLetters(String topic, String valueOrReason, String why) {
        Running system = current;
        if (system != null && system.quiet() != null) {
            system.quiet().expectDeadLetters(topic, valueOrReason, why);
        }
    }

    /** After each test class: nothing logged at ERROR, nothing dead-lettered, that no test declared. */
    @Override
    public void afterAll(ExtensionContext context) {
        Running system = current;
        if (system != null && system.quiet() != null) {
            system.quiet().check("the previous check, up to the end of "
                    + context.getRequiredTestClass().getSimpleName());
        }
    }

    /**
     * The routes this run sets ({@code -Dbookshop.routes.*}) that differ from its stage's defaults: empty in the run
     * of a stage with its own routes, where the browser tests and the brief benchmarks run.
     */
    static Map<Capability, Route> routeOverrides() {
        int stage = stage();
        if (!StagePlan.numbers().contains(stage)) {
            return Map.of(); // an unknown stage: callers compare the stage too
        }
        Map<Capability, Route> routes = new java.util.EnumMap<>(StagePlan.stage(stage).defaultRoutes());
        for (Capability capability : Capability.values()) {
            String route = System.getProperty("bookshop.routes." + capability.key());
            if (route != null && !route.isBlank()) {
                routes.put(capability, Route.parse(route.strip()));
            }
        }
        return new AcceptanceRun(stage, routes).overrides();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Running system = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, key -> start(), Running.class);
        current = system;
        RestAssured.baseURI = system.url;
        RestAssured.port = -1;
        // Every call has a deadline: a hung system fails the suite instead of hanging it.
        RestAssured.config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 5_000).setParam("http.socket.timeout", 30_000));
        if (!system.services().isEmpty() && system.checked().compareAndSet(false, true)) {
            checkStageAndRoutes();
        }
    }

    /**
     * The system started is the one asked for: the monolith runs the requested stage with the stage plan's default
     * routes, overridden where {@code -Dbookshop.routes.*} says. A lost property would otherwise turn a stage-3 run
     * into a quiet stage-0 run.
     */
    private static void checkStageAndRoutes() {
        Map<String, String> expected = new HashMap<>();
        StagePlan.stage(stage()).defaultRoutes().forEach((capability, route) ->
                expected.put(capability.key(), route.toString()));
        for (Capability capability : Capability.values()) {
            String route = System.getProperty("bookshop.routes." + capability.key());
            if (route != null && !route.isBlank()) {
                expected.put(capability.key(), route.strip());
            }
        }
        var state = Api.asAdmin().get("/api/admin/migration").then().statusCode(200).extract();
        int running = state.path("stage");
        Map<String, String> routes = state.path("routes");
        if (running != stage() || !routes.equals(expected)) {
            throw new IllegalStateException("The system under test runs stage " + running + " with routes " + routes
                    + "; the suite asked for stage " + stage() + " with " + expected);
        }
        System.out.printf("Acceptance suite: checked stage %d, routes %s%n", running, routes);
    }

    private static Running start() {
        String external = System.getProperty("bookshop.url");
        if (external != null && !external.isBlank()) {
            return new Running(external.replaceAll("/$", ""), List.of(), List.of(), null, null, null, null, null);
        }
        Path root = Path.of(System.getProperty("bookshop.root", "..")).toAbsolutePath().normalize();
        int stage = Integer.parseInt(System.getProperty("bookshop.stage", "0"));
        Map<String, Integer> ports = new HashMap<>();
        StackSettings.readEnvFile(root.resolve("deploy/ports.env")).keySet().forEach(key -> ports.put(key, Ports.free()));
        Map<String, String> routes = new HashMap<>();
        for (Capability capability : Capability.values()) {
            String route = System.getProperty("bookshop.routes." + capability.key());
            if (route != null && !route.isBlank()) {
                routes.put(capability.key(), route);
            }
        }
        StackSettings settings = new StackSettings(root, ports, stage, routes, false, false);
        Path logs = logs(root, stage, routes);

        List<AutoCloseable> parts = new java.util.ArrayList<>();
        try {
            RealPostgres postgres = RealPostgres.start(settings.port("POSTGRES_PORT"), null);
            parts.add(postgres);
            // The SMTP server runs as its own process, as in the local stack: inside this JVM (beside the Kafka broker)
            // it accepted only about 12 mails a second, which made the stage 2 benchmark measure the test harness.
            String mailApi = "http://127.0.0.1:" + settings.port("MAIL_API_PORT");
            ManagedService smtp = new ManagedService("greenmail", List.of(java(), "-Xmx96m", "-XX:+UseSerialGC",
                    "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + settings.port("SMTP_PORT"),
                    "-Dgreenmail.hostname=127.0.0.1", "-Dgreenmail.auth.disabled",
                    "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + settings.port("MAIL_API_PORT"),
                    "-jar", root.resolve("system-tests/target/tools/greenmail-standalone.jar").toString()),
                    Map.of(), URI.create(mailApi + "/api/service/readiness"), logs).start();
            parts.add(smtp);

            // Before the monolith migrates: its migrations grant these roles what the stage plan lets them do.
            StagePlan.sharedRoles().forEach(role -> postgres.ensureRole(role, role));
            // From stage 2 the monolith publishes events through its outbox.
            Broker broker = null;
            if (StagePlan.stage(stage).events()) {
                broker = new Broker(settings.port("KAFKA_PORT")).start();
                parts.add(broker);
                RealKafka.createTopics(broker.bootstrapServers(), Topics.all()); // as Compose does before services
            }
            // From stage 1 a request crosses processes: a real trace backend lets the trace test follow it.
            Path zipkinJar = root.resolve("system-tests/target/tools/zipkin-server-exec.jar");
            ManagedService zipkin = null;
            if (stage >= 1 && !Files.exists(zipkinJar)) {
                // Failing, not skipping: without it the trace tests would pass by not running.
                throw new IllegalStateException(zipkinJar + " is missing: run the suite through Maven ("
                        + "./mvnw verify), whose system-tests build copies the Zipkin server there");
            }
            if (stage >= 1) {
                zipkin = new ManagedService("zipkin", List.of(java(), "-Xmx128m", "-XX:+UseSerialGC", "-jar",
                        zipkinJar.toString()), Map.of("QUERY_PORT", String.valueOf(settings.port("ZIPKIN_PORT")),
                        // In-memory storage keeps at most this many spans, oldest traces first out: a benchmark's
                        // flood of spans ran the 128 MiB heap out of memory, and the trace tests after it failed.
                        "MEM_MAX_SPANS", "20000"),
                        URI.create("http://127.0.0.1:" + settings.port("ZIPKIN_PORT") + "/health"), logs).start();
                parts.add(zipkin);
                zipkinUrl = "http://127.0.0.1:" + settings.port("ZIPKIN_PORT");
            }
            List<ManagedService> services = new java.util.ArrayList<>();
            for (ServiceSpec service : ServiceSpec.ALL) {
                if (!service.runsAt(stage)) {
                    continue;
                }
                postgres.ensureDatabase(service.database(), service.database());
                Map<String, String> env = new HashMap<>(service.environment(stage, settings.routes(),
                        Wiring.loopback(settings.ports())));
                // Every test client is 127.0.0.1, and the suite logs in thousands of times a minute: the per-address
                // limit (30 a minute everywhere a person runs the system) would refuse the suite, not an attacker.
                // The per-account limit stays, and AuthIT tests it.
                env.put("BOOKSHOP_AUTH_THROTTLE_ADDRESS_ATTEMPTS", "100000");
                String bcryptCost = System.getProperty("bookshop.bcrypt-cost", "");
                if (!bcryptCost.isBlank()) { // the suite's cheap hashes (system-tests/pom.xml); benchmarks: production
                    env.put("BOOKSHOP_AUTH_BCRYPT_COST", bcryptCost);
                }
                if (zipkin == null) { // stage 0: one process; its traces are the monolith's own tests' business
                    env.remove("BOOKSHOP_TRACING_EXPORTER");
                    env.remove("BOOKSHOP_TRACING_ZIPKIN_ENDPOINT");
                    env.put("QUARKUS_OTEL_SDK_DISABLED", "true");
                } else {
                    env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"); // traces visible quickly
                }
                // -Dbookshop.env.NAME=value sets NAME in every service's environment (benchmarks, experiments);
                // last, so it wins over the suite's own settings.
                System.getProperties().stringPropertyNames().stream().filter(p -> p.startsWith("bookshop.env."))
                        .forEach(p -> env.put(p.substring("bookshop.env.".length()), System.getProperty(p)));
                ManagedService managed = new ManagedService(service.name(), service.command(java(), root, jvmOptions()), env,
                        URI.create(settings.url(service) + "q/health/ready"), logs).start();
                parts.add(managed);
                services.add(managed);
            }
            Duration ready = Duration.ZERO;
            smtp.awaitReady(READY_TIMEOUT);
            if (zipkin != null) {
                zipkin.awaitReady(READY_TIMEOUT);
            }
            for (ManagedService service : services) {
                Duration after = service.awaitReady(READY_TIMEOUT);
                ready = after.compareTo(ready) > 0 ? after : ready;
            }
            if (broker != null && ServiceSpec.NOTIFICATION_SERVICE.runsAt(stage)) {
                // Ready is not yet consuming: until the group's partitions are assigned, the first test that needs
                // an event would wait for the rebalance within its own time limit.
                Duration assigned = RealKafka.awaitConsumersAssigned(broker.bootstrapServers(),
                        List.of(Topics.USERS, Topics.ORDERS), READY_TIMEOUT);
                System.out.printf("Acceptance suite: consumers assigned every partition %d ms after ready%n",
                        assigned.toMillis());
            }
            ServiceSpec monolith = ServiceSpec.MONOLITH;
            System.out.printf("Acceptance suite: stage %d (%s) ready at %s after %d ms (logs: %s)%n", stage,
                    services.stream().map(ManagedService::name).toList(), settings.url(monolith), ready.toMillis(),
                    logs);
            Broker events = broker;
            QuietRun quiet = new QuietRun(logs, events == null ? null : events::bootstrapServers);
            return new Running(settings.url(monolith).replaceAll("/$", ""), parts, services, ready, mailApi, broker,
                    postgres, quiet);
        } catch (RuntimeException e) {
            new Running("", parts, List.of(), null, null, null, null, null).close();
            throw e;
        }
    }

    /**
     * The run's own log directory, {@code system-tests/target/system-logs/stage-<n>[-<capability>-<route>]}, emptied
     * first: one file per process, which a restarted process appends to.
     */
    private static Path logs(Path root, int stage, Map<String, String> routes) {
        StringBuilder run = new StringBuilder("stage-" + stage);
        new java.util.TreeMap<>(routes).forEach((capability, route) -> run.append('-').append(capability).append('-')
                .append(route.strip().replaceAll("[^A-Za-z0-9]+", "-")));
        try {
            Path logs = Files.createDirectories(root.resolve("system-tests/target/system-logs").resolve(run.toString()));
            ChildProcess.forgetLogs(logs);
            return logs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * Stopped by JUnit when the whole suite is done, last started first. {@code services} is empty and
     * {@code readyAfter}, {@code mailApi} (the SMTP server's HTTP API), {@code broker} and {@code postgres} null when
     * the suite targets an external system, and so is {@code quiet} (nothing to read its logs from);
     * {@code broker} is null before stage 2.
     */
    record Running(String url, List<AutoCloseable> parts, List<ManagedService> services, Duration readyAfter,
            String mailApi, Broker broker, RealPostgres postgres, QuietRun quiet,
            java.util.concurrent.atomic.AtomicBoolean checked)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        Running(String url, List<AutoCloseable> parts, List<ManagedService> services, Duration readyAfter,
                String mailApi, Broker broker, RealPostgres postgres, QuietRun quiet) {
            this(url, parts, services, readyAfter, mailApi, broker, postgres, quiet,
                    new java.util.concurrent.atomic.AtomicBoolean());
        }

        /** The monolith's process, or null against an external system. */
        ChildProcess monolith() {
            return service("monolith").map(ManagedService::process).orElse(null);
        }

        java.util.Optional<ManagedService> service(String name) {
            return services.stream().filter(s -> s.name().equals(name)).findFirst();
        }

        /**
         * Stops the services first, then checks that they stayed quiet to the end (their stop included) while the
         * broker still runs, then stops the rest; a failed check fails the run (JUnit reports it on the engine).
         */
        @Override
        public void close() {
            AssertionError noisy = null;
            if (quiet != null) {
                for (int i = services.size() - 1; i >= 0; i--) {
                    services.get(i).stop();
                }
                try {
                    quiet.check("the last test class's check, up to the end of the run (the services' stop included)");
                } catch (AssertionError e) {
                    noisy = e;
                    System.err.println(e.getMessage());
                } catch (RuntimeException e) {
                    noisy = new AssertionError("The end-of-run quiet check could not run", e);
                } finally {
                    quiet.close();
                }
            }
            for (int i = parts.size() - 1; i >= 0; i--) {
                try {
                    parts.get(i).close();
                } catch (Exception e) {
                    System.err.println("Stopping a part of the system under test failed: " + e);
                }
            }
            if (noisy != null) {
                throw noisy;
            }
        }
    }
}
