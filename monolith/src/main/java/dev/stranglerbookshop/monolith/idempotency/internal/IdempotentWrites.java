package dev.stranglerbookshop.monolith.idempotency.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stranglerbookshop.monolith.idempotency.Idempotent;
import dev.stranglerbookshop.platform.problem.ProblemException;
import dev.stranglerbookshop.platform.telemetry.Untraced;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Runs a keyed write and records its answer in one transaction (see {@link Idempotent} for the rules). The key's row
 * is inserted first: a second request with the same key blocks on PostgreSQL's unique index until the first one
 * commits (then it reads the stored answer) or rolls back (then it runs the write itself), so concurrent retries
 * cannot both write.
 */
@ApplicationScoped
class IdempotentWrites {

    private final EntityManager entities;
    private final ObjectMapper json;
    private final IdempotencySettings settings;

    IdempotentWrites(EntityManager entities, ObjectMapper json, IdempotencySettings settings) {
        this.entities = entities;
        this.json = json;
        this.settings = settings;
    }

    /**
     * @return the write's own answer, or the stored one
     * @throws ProblemException 422 {@code idempotency-key-reused} when the key came with another request; whatever the
     *                          write throws (then nothing is stored, and the key is free again)
     */
    @Transactional(rollbackOn = Exception.class)
    Object run(String caller, String key, String fingerprint, InvocationContext write) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entities.createNativeQuery("DELETE FROM idempotency.keys WHERE caller = ?1 AND idem_key = ?2 AND created_at < ?3")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, now.minus(settings.retention()))
                .executeUpdate();
        int fresh = entities.createNativeQuery("INSERT INTO idempotency.keys (caller, idem_key, fingerprint, created_at)"
                        + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, fingerprint).setParameter(4, now)
                .executeUpdate();
        if (fresh == 0) {
            return replay(caller, key, fingerprint);
        }
        if (!(write.proceed() instanceof Response answer)) {
            throw new IllegalStateException(write.getMethod() + " is @Idempotent but does not return a Response");
        }
        entities.createNativeQuery("UPDATE idempotency.keys SET status = ?3, location = ?4, body = ?5"
                        + " WHERE caller = ?1 AND idem_key = ?2")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, (short) answer.getStatus())
                .setParameter(4, answer.getLocation() == null ? null : answer.getLocation().toString())
                .setParameter(5, answer.hasEntity() ? json.writeValueAsString(answer.getEntity()) : null)
                .executeUpdate();
        return answer;
    }

    private Response replay(String caller, String key, String fingerprint) {
        List<?> rows = entities.createNativeQuery("SELECT fingerprint, status, location, body FROM idempotency.keys"
                        + " WHERE caller = ?1 AND idem_key = ?2")
                .setParameter(1, caller).setParameter(2, key).getResultList();
        Object[] stored = (Object[]) rows.get(0); // the row exists: the insert met it
        if (!fingerprint.equals(stored[0])) {
            throw new ProblemException(422, "idempotency-key-reused", "The idempotency key was used for another request",
                    "This " + Idempotent.HEADER + " came with a different request before; send a new key for a new "
                            + "request.");
        }
        Response.ResponseBuilder answer = Response.status(((Number) stored[1]).intValue())
                .header(Idempotent.REPLAYED, "true");
        if (stored[2] != null) {
            answer.location(URI.create((String) stored[2]));
        }
        if (stored[3] != null) {
            answer.entity(stored[3]).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")); // as first answered
        }
        return answer.build();
    }

    /** Forgets keys past their retention; the lookup above ignores them already, this keeps the table small. */
    @Scheduled(identity = "idempotency-retention", every = "1h", delayed = "1m",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetExpired() {
        try (Scope ignored = Untraced.scope()) {
            QuarkusTransaction.requiringNew().run(() -> entities
                    .createNativeQuery("DELETE FROM idempotency.keys WHERE created_at < ?1")
                    .setParameter(1, Instant.now().minus(settings.retention())).executeUpdate());
        }
    }
}
