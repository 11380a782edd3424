package dev.stranglerbookshop.monolith.outbox.internal;

import dev.stranglerbookshop.monolith.outbox.Outbox;
import dev.stranglerbookshop.monolith.outbox.OutgoingEvent;
import dev.stranglerbookshop.platform.stage.MigrationStage;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

@ApplicationScoped
class TransactionalOutbox implements Outbox {

    private final OpenTelemetry telemetry;
    private final boolean enabled;

    TransactionalOutbox(OpenTelemetry telemetry, MigrationStage stage) {
        this.telemetry = telemetry;
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
    }

    @Override
    public boolean enabled() {
        return enabled;
    }
}
