package dev.stranglerbookshop.topology;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of the {@link StagePlan}: what a stage is. Every span and metric carries its number
 * ({@code migration.stage}).
 *
 * @param number       0..n, the order of the migration
 * @param label        its name, e.g. {@code auth-extracted} (accepted wherever the number is)
 * @param summary      one sentence for people: what moved at this stage
 * @param services     the deployables that run
 * @param routes       each capability's default route (a deployment may override it, the admin API change it)
 * @param sharedData   services working on another deployable's database, and with which grants; every other
 *                     running service owns its own database ({@link DataAccess#owner})
 * @param moves        services moving their data from the database {@code sharedData} gives them to their own, in
 *                     phases: such a service owns its database and reaches the old one as a second datasource
 * @param events       whether domain events flow (the monolith's outbox relays them to Kafka)
 * @param canaryChecks capabilities the acceptance suite also runs at {@code canary:50} at this stage
 */
public record Stage(int number, String label, String summary, List<ServiceSpec> services,
        Map<Capability, Route> routes, Map<ServiceSpec, DataAccess> sharedData, Map<ServiceSpec, DataMove> moves,
        boolean events, List<Capability> canaryChecks) {

    public Stage {
        services = List.copyOf(services);
        routes = Map.copyOf(routes);
        sharedData = Map.copyOf(sharedData);
        moves = Map.copyOf(moves);
        for (ServiceSpec moving : moves.keySet()) {
            if (!sharedData.containsKey(moving)) {
                throw new IllegalArgumentException(moving.name() + " moves its data at stage " + number
                        + " but has no old database to move it from (shares)");
            }
        }
        canaryChecks = List.copyOf(canaryChecks);
    }

    public boolean runs(ServiceSpec service) {
        return services.contains(service);
    }

    /** The capability's default route here; {@code monolith} unless the plan says otherwise. */
    public Route route(Capability capability) {
        return routes.getOrDefault(capability, Route.MONOLITH);
    }

    /** Every capability's default route. */
    public Map<Capability, Route> defaultRoutes() {
        Map<Capability, Route> all = new EnumMap<>(Capability.class);
        for (Capability capability : Capability.values()) {
            all.put(capability, route(capability));
        }
        return all;
    }

    /**
     * Where the service's data is at this stage (its default datasource): shared with the monolith, or its own
     * database, which is also where a service moving its data works.
     */
    public DataAccess dataAccess(ServiceSpec service) {
        return moves.containsKey(service) ? DataAccess.owner(service.database())
                : sharedData.getOrDefault(service, DataAccess.owner(service.database()));
    }

    /** The old home of the data a service is moving at this stage (its datasource named {@code legacy}), if any. */
    public Optional<DataAccess> legacyAccess(ServiceSpec service) {
        return moves.containsKey(service) ? Optional.of(sharedData.get(service)) : Optional.empty();
    }

    /** The phase of the move of the service's data at this stage, if it moves any. */
    public Optional<DataMove> move(ServiceSpec service) {
        return Optional.ofNullable(moves.get(service));
    }

    /** Whether a capability's route may leave the monolith here: only once its service runs. */
    public boolean extracted(Capability capability) {
        return runs(capability.service());
    }

    static Builder number(int number, String label, String summary) {
        return new Builder(number, label, summary);
    }

    /** Keeps the plan's rows readable: a stage, then only what differs from "monolith does everything". */
    static final class Builder {
        private final int number;
        private final String label;
        private final String summary;
        private final List<ServiceSpec> services = new ArrayList<>();
        private final Map<Capability, Route> routes = new EnumMap<>(Capability.class);
        private final Map<ServiceSpec, DataAccess> sharedData = new LinkedHashMap<>();
        private final Map<ServiceSpec, DataMove> moves = new LinkedHashMap<>();
        private final List<Capability> canaryChecks = new ArrayList<>();
        private boolean events;

        private Builder(int number, String label, String summary) {
            this.number = number;
            this.label = label;
            this.summary = summary;
        }

        Builder runs(ServiceSpec... running) {
            services.addAll(List.of(running));
            return this;
        }

        Builder route(Capability capability, Route route) {
            routes.put(capability, route);
            return this;
        }

        Builder shares(ServiceSpec service, DataAccess access) {
            sharedData.put(service, access);
            return this;
        }

        Builder moves(ServiceSpec service, DataMove move) {
            moves.put(service, move);
            return this;
        }

        Builder events() {
            events = true;
            return this;
        }

        Builder canaryChecked(Capability capability) {
            if (!capability.canary()) {
                throw new IllegalArgumentException(capability.key() + " takes no canary: " + capability.whyNoCanary());
            }
            canaryChecks.add(capability);
            return this;
        }

        Stage build() {
            return new Stage(number, label, summary, services, routes, sharedData, moves, events, canaryChecks);
        }
    }
}
