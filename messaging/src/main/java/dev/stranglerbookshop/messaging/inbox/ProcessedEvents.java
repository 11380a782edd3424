package dev.stranglerbookshop.messaging.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The idempotent consumer's memory: the ids of events this deployable has handled, in the table
 * {@code processed_events} of Flyway's default schema, where {@code db/inbox}'s migration creates it
 * ({@link #table}). Delivery is at least once (a relay retry, a consumer
 * restart before its offset commit, a rebalance), so a consumer calls {@link #firstTime} in the transaction that
 * applies the event and does nothing more when it answers false.
 */
@ApplicationScoped
public class ProcessedEvents {

    /**
     * A plain lower-case PostgreSQL identifier: the schema name is put into SQL, so nothing else is accepted. It goes
     * in quoted, so a reserved word such as {@code user} names its schema as it does for Flyway, which quotes too.
     */
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static final String TABLE = "processed_events";

    private final EntityManager entities;
    private final String table;
    private final String insert;

    ProcessedEvents(EntityManager entities,
            @ConfigProperty(name = "quarkus.flyway.default-schema") Optional<String> defaultSchema,
            @ConfigProperty(name = "quarkus.flyway.schemas") Optional<List<String>> schemas) {
        this.entities = entities;
        this.table = table(defaultSchema, schemas);
        this.insert = "INSERT INTO " + table + " (event_id) VALUES (:id) ON CONFLICT DO NOTHING";
    }

    /**
     * Checks, in a transaction of its own, that the table exists and this deployable's role may insert into it.
     * Without the table every event would be retried as if the database were down (10 minutes) and then
     * dead-lettered; refusing the start says what is wrong at once.
     *
     * @throws IllegalStateException naming the table and the fix when it is missing or cannot be written
     */
    public void requireWritable() {
        String state;
        try {
            state = QuarkusTransaction.requiringNew().call(() -> (String) entities.createNativeQuery(
                    "SELECT CASE WHEN to_regclass(:table) IS NULL THEN 'missing' "
                            + "WHEN has_table_privilege(to_regclass(:table), 'INSERT') THEN 'writable' "
                            + "ELSE 'read-only' END").setParameter("table", table).getSingleResult());
        } catch (RuntimeException e) { // e.g. no USAGE on the schema: the lookup itself is refused
            state = "not readable (" + e.getClass().getSimpleName() + ")";
        }
        if (!state.equals("writable")) {
            throw new IllegalStateException("The idempotent consumer's table " + table + " is " + state
                    + " for this deployable's database role: keep db/inbox in quarkus.flyway.locations (with "
                    + "migrate-at-start) and let the role write its own schema (see messaging/README.md, Consume)");
        }
    }

    /**
     * Where Flyway's default schema is, so where {@code db/inbox} created the table:
     * {@code quarkus.flyway.default-schema}, else the first of {@code quarkus.flyway.schemas}, else none (then the
     * connection's search path, as for Flyway).
     */
    static String table(Optional<String> defaultSchema, Optional<List<String>> schemas) {
        if (defaultSchema.isPresent()) {
            return quoted(schema(List.of(defaultSchema.get()))) + ".processed_events";
        }
        return schemas.map(list -> quoted(schema(list)) + ".processed_events").orElse("processed_events");
    }

    /**
     * Records {@code eventId} as handled, in the caller's transaction ({@code MANDATORY}: outside one it throws
     * {@code TransactionalException}); if that transaction rolls back, the event counts as not handled.
     *
     * @param eventId the event's {@code event-id} header, the consumers' idempotency key
     * @return true the first time, false for an event already handled (then the caller changes nothing). Race-free:
     *         of two consumers handling one event at once (a rebalance), one insert wins and the other waits for it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(UUID eventId) {
        // The table it touches, declared: otherwise Hibernate flushes the whole session before a native statement.
        return entities.createNativeQuery(insert).unwrap(NativeQuery.class).addSynchronizedQuerySpace(TABLE)
                .setParameter("id", eventId).executeUpdate() == 1;
    }

    private static String quoted(String schema) {
        return '"' + schema + '"';
    }

    static String schema(List<String> schemas) {
        String first = schemas.isEmpty() ? "" : schemas.get(0).trim();
        if (!SCHEMA.matcher(first).matches()) {
            throw new IllegalStateException("quarkus.flyway.default-schema (or the first of quarkus.flyway.schemas) "
                    + "names the schema that holds processed_events and must be a plain lower-case identifier; it is '"
                    + String.join(",", schemas) + "'");
        }
        return first;
    }
}
