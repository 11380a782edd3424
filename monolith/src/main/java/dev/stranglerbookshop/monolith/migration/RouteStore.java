package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.Route;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The routes changed at run time, in the monolith's own database (schema {@code migration}): every instance reads
 * the same rows, so they all route alike, and a restart keeps a canary ramp where it was. Each change is also
 * appended to an audit trail (who, when, from, to).
 */
@ApplicationScoped
class RouteStore {

    private static final Logger LOG = Logger.getLogger(RouteStore.class);
    /** Any constant, the same in every instance: changes take this lock, so they apply one after another. */
    private static final long CHANGE_LOCK = 0x726f757465L;

    private final EntityManager entities;

    RouteStore(EntityManager entities) {
        this.entities = entities;
    }

    /** A stored route, with the stage and the configured route it was changed at. */
    record Stored(Route route, int stage, Route configured) {
    }

    /** One line of the audit trail; {@code at} is the database's clock. */
    record Change(String capability, String from, String to, int stage, String by, Instant at) {
    }

    /**
     * The route in force for each capability: the stored one while the deployment still runs its stage and
     * configures the route it was changed from; otherwise the configured one (a changed deployment setting is a
     * newer decision than an old change, so an operator editing the stage file is never silently overruled).
     */
    static Map<Capability, Route> inForce(Map<Capability, Stored> stored, Map<Capability, Route> configured, int stage) {
        Map<Capability, Route> routes = new EnumMap<>(configured);
        stored.forEach((capability, row) -> {
            if (row.stage() == stage && row.configured().equals(configured.get(capability))) {
                routes.put(capability, row.route());
            }
        });
        return Map.copyOf(routes);
    }

    /** Every stored route; a row that no longer parses (an unknown capability, say) is skipped with a warning. */
    @Transactional
    Map<Capability, Stored> load() {
        Map<Capability, Stored> stored = new EnumMap<>(Capability.class);
        for (Object row : entities.createNativeQuery(
                "SELECT capability, route, stage, configured FROM migration.routes").getResultList()) {
            Object[] columns = (Object[]) row;
            try {
                stored.put(Capability.parse((String) columns[0]), new Stored(Route.parse((String) columns[1]),
                        ((Number) columns[2]).intValue(), Route.parse((String) columns[3])));
            } catch (IllegalArgumentException e) {
                LOG.warnf("Ignoring the stored route %s=%s: %s", columns[0], columns[1], e.getMessage());
            }
        }
        return stored;
    }

    /**
     * Stores changes and their audit lines in one transaction, under a lock every instance takes, so that the
     * audit's "from" is the route that was really in force. A change to the route already in force writes nothing.
     *
     * @param configured the deployment's routes (stage plan defaults and configuration)
     * @param by         who asked (the admin's name), for the audit trail
     * @return every stored route afterwards
     */
    @Transactional
    Map<Capability, Stored> change(Map<Capability, Route> changes, Map<Capability, Route> configured, int stage,
            String by) {
        entities.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, CHANGE_LOCK).getSingleResult();
        Map<Capability, Route> before = inForce(load(), configured, stage);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        changes.forEach((capability, route) -> {
            Route from = before.get(capability);
            if (from.equals(route)) {
                return;
            }
            entities.createNativeQuery("INSERT INTO migration.routes (capability, route, stage, configured, changed_by,"
                            + " changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (capability) DO UPDATE SET"
                            + " route = excluded.route, stage = excluded.stage, configured = excluded.configured,"
                            + " changed_by = excluded.changed_by, changed_at = excluded.changed_at")
                    .setParameter(1, capability.key()).setParameter(2, route.toString()).setParameter(3, stage)
                    .setParameter(4, configured.get(capability).toString()).setParameter(5, by)
                    .setParameter(6, now).executeUpdate();
            entities.createNativeQuery("INSERT INTO migration.route_changes (capability, from_route, to_route, stage,"
                            + " changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                    .setParameter(1, capability.key()).setParameter(2, from.toString())
                    .setParameter(3, route.toString()).setParameter(4, stage).setParameter(5, by)
                    .setParameter(6, now).executeUpdate();
        });
        return load();
    }

    /** The newest {@code limit} audit lines, newest first. */
    @Transactional
    List<Change> history(int limit) {
        return entities.createNativeQuery("SELECT capability, from_route, to_route, stage, changed_by, changed_at"
                        + " FROM migration.route_changes ORDER BY changed_at DESC, id DESC LIMIT ?1")
                .setParameter(1, limit).getResultList().stream().map(row -> {
                    Object[] c = (Object[]) row;
                    return new Change((String) c[0], (String) c[1], (String) c[2], ((Number) c[3]).intValue(),
                            (String) c[4], toInstant(c[5]));
                }).toList();
    }

    private static Instant toInstant(Object timestamp) {
        return timestamp instanceof Instant instant ? instant
                : timestamp instanceof java.time.OffsetDateTime odt ? odt.toInstant()
                : ((java.sql.Timestamp) timestamp).toInstant();
    }
}
