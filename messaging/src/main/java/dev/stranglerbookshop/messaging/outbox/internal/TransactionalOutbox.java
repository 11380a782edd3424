package dev.stranglerbookshop.messaging.outbox.internal;

import dev.stranglerbookshop.messaging.outbox.Outbox;
import dev.stranglerbookshop.messaging.outbox.OutgoingEvent;
import dev.stranglerbookshop.platform.stage.MigrationStage;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import dev.stranglerbookshop.platform.telemetry.Untraced;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

@ApplicationScoped
@IfBuildProperty(name = Outbox.PUBLISHER_PROPERTY, stringValue = "true")
class TransactionalOutbox implements Outbox {

    /** Marks a transaction whose commit already wakes the relay, so it is arranged once however many rows it writes. */
    private static final Object WAKES_THE_RELAY = new Object();

    private final OpenTelemetry telemetry;
    private final TransactionSynchronizationRegistry transactions;
    private final RelayWorker relay;
    private final boolean enabled;

    TransactionalOutbox(OpenTelemetry telemetry, MigrationStage stage, TransactionSynchronizationRegistry transactions,
            RelayWorker relay) {
        this.telemetry = telemetry;
        this.transactions = transactions;
        this.relay = relay;
        this.enabled = stage.current().events(); // the stage plan: events flow once a consumer is extracted
    }

    /** MANDATORY: an event written outside the change's transaction could outlive a rolled-back change. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(OutgoingEvent event) {
        if (!enabled) {
            throw new IllegalStateException("The outbox is disabled at this deployment; check Outbox.enabled() first");
        }
        Map<String, String> headers = new HashMap<>(event.headers());
        telemetry.getPropagators().getTextMapPropagator().inject(Context.current(), headers, Map::put);
        OutboxMessage message = new OutboxMessage();
        message.eventId = event.eventId();
        message.topic = event.topic();
        message.recordKey = event.key();
        message.eventType = event.eventType();
        message.payload = event.payload();
        message.headers = headers;
        message.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        message.persist();
        wakeTheRelayAtCommit();
    }

    /**
     * The relay publishes right after the commit instead of at its next poll: in this process through a transaction
     * synchronization, in every other instance through {@code NOTIFY}, which PostgreSQL delivers only if and when the
     * transaction commits (a rolled-back order wakes no one).
     */
    private void wakeTheRelayAtCommit() {
        if (transactions.getResource(WAKES_THE_RELAY) != null) {
            return;
        }
        transactions.putResource(WAKES_THE_RELAY, Boolean.TRUE);
        try (Scope ignored = Untraced.scope()) { // plumbing, not a step of the order worth a span in its trace
            OutboxMessage.getEntityManager().createNativeQuery("SELECT pg_notify(:channel, '')")
                    .setParameter("channel", CommitListener.CHANNEL).getSingleResult();
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }

    @Override
    public boolean enabled() {
        return enabled;
    }
}
