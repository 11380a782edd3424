package dev.stranglerbookshop.topology;

import java.util.Map;

/**
 * One run of the acceptance suite: a stage and the routes every capability has during it (defaults included).
 *
 * @param stage  the stage number
 * @param routes the effective route of every capability
 */
public record AcceptanceRun(int stage, Map<Capability, Route> routes) {

    public AcceptanceRun {
        routes = Map.copyOf(routes);
    }

    /** The routes that differ from the stage's defaults: what an execution must set explicitly. */
    public Map<Capability, Route> overrides() {
        Stage defaults = StagePlan.stage(stage);
        Map<Capability, Route> overrides = new java.util.EnumMap<>(Capability.class);
        routes.forEach((capability, route) -> {
            if (!route.equals(defaults.route(capability))) {
                overrides.put(capability, route);
            }
        });
        return overrides;
    }
}
