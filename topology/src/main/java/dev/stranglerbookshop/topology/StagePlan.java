package dev.stranglerbookshop.topology;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.stranglerbookshop.topology.Capability.AUTH;
import static dev.stranglerbookshop.topology.Capability.NOTIFICATIONS;
import static dev.stranglerbookshop.topology.Capability.SEARCH;
import static dev.stranglerbookshop.topology.DataAccess.Privilege.READ;
import static dev.stranglerbookshop.topology.DataAccess.Privilege.READ_WRITE;
import static dev.stranglerbookshop.topology.ServiceSpec.AUTH_SERVICE;
import static dev.stranglerbookshop.topology.ServiceSpec.MONOLITH;
import static dev.stranglerbookshop.topology.ServiceSpec.NOTIFICATION_SERVICE;
import static dev.stranglerbookshop.topology.ServiceSpec.SEARCH_SERVICE;

/**
 * The migration, stage by stage: the one place that says what a stage is. The monolith's default routes and outbox
 * switch, every service's environment and database access, the local stack, the acceptance executions, the stage
 * files, the Compose profiles, the Kubernetes overlays and the CI matrices are derived from it or tested against it
 * (see {@code deploy/src/test/.../StagePlanTest}). Adding a stage starts here.
 */
public final class StagePlan {

    /** auth-service's role on the monolith's database at stages 1-3: the accounts schema, read and write. */
    public static final String AUTH_SERVICE_ROLE = "auth_service";
    /**
     * search-service's role on the monolith's database at stage 3: the search projection, read only. At stage 4 it
     * has no grants left there.
     */
    public static final String SEARCH_SERVICE_ROLE = "search_service";

    private static final DataAccess AUTH_ON_MONOLITH = DataAccess.shared(MONOLITH.database(), AUTH_SERVICE_ROLE,
            Map.of("accounts", READ_WRITE));
    private static final DataAccess SEARCH_ON_MONOLITH = DataAccess.shared(MONOLITH.database(), SEARCH_SERVICE_ROLE,
            Map.of("search", READ));

    /** The stages this commit runs, in order. */
    public static final List<Stage> STAGES = List.of(
            Stage.number(0, "modular-monolith", "One deployable, five modules, one database with a schema per module.")
                    .runs(MONOLITH)
                    .build(),
            Stage.number(1, "auth-extracted",
                            "auth-service answers registration and sign-in over gRPC, on the monolith's accounts schema.")
                    .runs(MONOLITH, AUTH_SERVICE)
                    .route(AUTH, Route.SERVICE)
                    .shares(AUTH_SERVICE, AUTH_ON_MONOLITH)
                    .canaryChecked(AUTH)
                    .build(),
            Stage.number(2, "notifications-extracted",
                            "The monolith publishes events (outbox to Kafka); notification-service mails, in its own database.")
                    .runs(MONOLITH, AUTH_SERVICE, NOTIFICATION_SERVICE)
                    .route(AUTH, Route.SERVICE).route(NOTIFICATIONS, Route.SERVICE)
                    .shares(AUTH_SERVICE, AUTH_ON_MONOLITH)
                    .events()
                    .build(),
            Stage.number(3, "search-extracted",
                            "search-service answers search over gRPC, reading the monolith's search projection read-only.")
                    .runs(MONOLITH, AUTH_SERVICE, NOTIFICATION_SERVICE, SEARCH_SERVICE)
                    .route(AUTH, Route.SERVICE).route(NOTIFICATIONS, Route.SERVICE).route(SEARCH, Route.SERVICE)
                    .shares(AUTH_SERVICE, AUTH_ON_MONOLITH)
                    .shares(SEARCH_SERVICE, SEARCH_ON_MONOLITH)
                    .events()
                    .canaryChecked(SEARCH)
                    .build(),
            // search-service no longer shares: its own database, which it migrates and fills (catalog events and a
            // backfill); the monolith revokes its stage-3 role's grants (StageGrants). auth-service owns its
            // database and moves the accounts into it in phases: at write-own its database is the record and the
            // monolith's accounts still follow (the monolith reads them for /api/me and announces registrations
            // from them), so it keeps its stage-3 grants there.
            Stage.number(4, "databases-split",
                            "search-service owns its index in its own database, fed by catalog events and a backfill; "
                                    + "auth-service's accounts live in its own database, the monolith's copy kept in "
                                    + "step (accounts move phase write-own).")
                    .runs(MONOLITH, AUTH_SERVICE, NOTIFICATION_SERVICE, SEARCH_SERVICE)
                    .route(AUTH, Route.SERVICE).route(NOTIFICATIONS, Route.SERVICE).route(SEARCH, Route.SERVICE)
                    .shares(AUTH_SERVICE, AUTH_ON_MONOLITH)
                    .moves(AUTH_SERVICE, DataMove.accounts("write-own"))
                    .events()
                    .build());

    /**
     * Stages named in the architecture but not built in this commit: a deployment asking for one is refused, saying
     * so. Empty now that every stage of the architecture runs; a fork planning further steps lists them here.
     */
    public static final Map<Integer, String> PLANNED = Map.of();

    private StagePlan() {
    }

    /**
     * The stage with this number.
     *
     * @throws IllegalArgumentException for a planned or unknown stage, saying which stages run
     */
    public static Stage stage(int number) {
        return STAGES.stream().filter(s -> s.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(refusal(String.valueOf(number),
                        PLANNED.containsKey(number) ? number + " (" + PLANNED.get(number) + ")" : null)));
    }

    /**
     * The stage a deployment names by number ({@code 2}) or label ({@code notifications-extracted}), ignoring case and
     * surrounding blanks.
     *
     * @throws IllegalArgumentException for a planned or unknown stage, saying which stages run
     */
    public static Stage parse(String value) {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (Stage stage : STAGES) {
            if (String.valueOf(stage.number()).equals(wanted) || stage.label().equals(wanted)) {
                return stage;
            }
        }
        String planned = PLANNED.entrySet().stream()
                .filter(e -> String.valueOf(e.getKey()).equals(wanted) || e.getValue().equals(wanted))
                .map(e -> e.getKey() + " (" + e.getValue() + ")").findFirst().orElse(null);
        throw new IllegalArgumentException(refusal(value, planned));
    }

    /** The numbers of the stages this commit runs. */
    public static List<Integer> numbers() {
        return STAGES.stream().map(Stage::number).toList();
    }

    /** Every restricted role some stage lets a service use on another's database (the deployment creates them). */
    public static Set<String> sharedRoles() {
        return STAGES.stream().flatMap(s -> s.sharedData().values().stream()).map(DataAccess::role)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The stages at which a service runs (its Compose profiles). */
    public static List<Integer> stagesRunning(ServiceSpec service) {
        return STAGES.stream().filter(s -> s.runs(service)).map(Stage::number).toList();
    }

    /** The stages at which events flow (Kafka's Compose profiles). */
    public static List<Integer> stagesWithEvents() {
        return STAGES.stream().filter(Stage::events).map(Stage::number).toList();
    }

    /**
     * Every run of the acceptance suite {@code ./mvnw verify} must make: each stage with its default routes, and each
     * stage's canary-checked capability at {@code canary:50}.
     */
    public static List<AcceptanceRun> acceptanceRuns() {
        List<AcceptanceRun> runs = new ArrayList<>();
        for (Stage stage : STAGES) {
            runs.add(new AcceptanceRun(stage.number(), stage.defaultRoutes()));
            for (Capability capability : stage.canaryChecks()) {
                Map<Capability, Route> routes = new EnumMap<>(stage.defaultRoutes());
                routes.put(capability, Route.canary(50));
                runs.add(new AcceptanceRun(stage.number(), routes));
            }
        }
        return runs;
    }

    private static String refusal(String asked, String planned) {
        String running = STAGES.stream().map(s -> s.number() + " (" + s.label() + ")")
                .collect(Collectors.joining(", "));
        return planned != null
                ? "Stage " + planned + " is planned but not built in this commit; the stages that run are " + running
                : "Unknown migration stage '" + asked + "'; expected one of " + running;
    }
}
