package dev.stranglerbookshop.messaging.outbox.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.annotation.PreDestroy;
import dev.stranglerbookshop.messaging.outbox.Outbox;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends outbox rows to Kafka with an idempotent producer ({@code acks=all}: a record counts as sent only once every
 * in-sync replica has it; retries cannot duplicate or reorder within a partition). Each record gets a PRODUCER span,
 * child of the trace that wrote the row, and that span's context travels in the record headers.
 */
@ApplicationScoped
@IfBuildProperty(name = Outbox.PUBLISHER_PROPERTY, stringValue = "true")
class KafkaPublisher {

    private static final Logger LOG = Logger.getLogger(KafkaPublisher.class);
    private static final TextMapGetter<Map<String, String>> STORED = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final String bootstrapServers;
    private final String clientId;
    private final Duration deadline;
    private final OpenTelemetry telemetry;
    private final Tracer tracer;
    private KafkaProducer<String, byte[]> producer;

    KafkaPublisher(@ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String application, OutboxSettings settings,
            OpenTelemetry telemetry, Tracer tracer) {
        this.bootstrapServers = bootstrapServers;
        this.clientId = application + "-outbox-relay"; // how the broker's metrics and quotas tell publishers apart
        this.deadline = settings.publishDeadline();
        this.telemetry = telemetry;
        this.tracer = tracer;
    }

    /**
     * How a batch went: how many of its leading messages the broker acknowledged, and, when Kafka refused the next one
     * for itself rather than for an outage (see {@link #refusesTheRecord}), why.
     */
    record Outcome(int acknowledged, Throwable refusal) {
    }

    /**
     * Sends the batch in order and returns how many of its leading messages the broker acknowledged within the
     * deadline. The rest stay pending; some of them may have reached the broker anyway, which is why consumers
     * deduplicate on the event id (at-least-once). A message the producer refuses at once (e.g. too large) ends the
     * batch there: the messages behind it are not handed over, as they would overtake it and be sent again next time.
     */
    synchronized Outcome publish(List<OutboxMessage> batch) {
        long until = System.nanoTime() + deadline.toNanos();
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        try {
            for (OutboxMessage message : batch) {
                Future<RecordMetadata> sent = send(message);
                sends.add(sent);
                if (sent.isDone() && failure(sent) != null) {
                    break;
                }
            }
        } catch (RuntimeException e) { // e.g. no metadata within max.block.ms: the broker is unreachable
            LOG.warnf("Outbox relay could not hand %s to Kafka: %s", batch.get(sends.size()).eventId, e.getMessage());
        }
        int acknowledged = 0;
        Throwable refusal = null;
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (Exception e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                LOG.warnf("Kafka did not acknowledge outbox message %s: %s; it stays pending",
                        batch.get(acknowledged).eventId, cause.toString());
                refusal = refusesTheRecord(cause) ? cause : null;
                break;
            }
        }
        if (acknowledged < batch.size()) {
            reset(); // a fresh producer after a failure: no half-sent batch lingers in its buffer
        }
        return new Outcome(acknowledged, refusal);
    }

    /**
     * Creates the producer now rather than at the first event: its connection and idempotence handshake
     * ({@code InitProducerId}) then run in the producer's own thread while nothing waits, instead of inside the first
     * publish (README, "Measured"). Does not wait for the broker, only for the bootstrap addresses' DNS lookup. A
     * producer that cannot be made (e.g. Kafka's {@code ConfigException} "No resolvable bootstrap urls" while the
     * broker's host name is not yet in DNS) is logged and left for the first publish to try again: the broker being
     * away must not stop the application, whose outbox holds the events until it is back.
     */
    synchronized void connect() {
        try {
            producer();
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay could not create its Kafka producer for %s yet: %s; the first publish tries again",
                    bootstrapServers, e.getMessage());
        }
    }

    /** Failures about the record itself: sent again as it is, it fails again, whatever the broker's state. */
    static boolean refusesTheRecord(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidTopicException || failure instanceof InvalidRecordException;
    }

    private static Throwable failure(Future<RecordMetadata> done) {
        try {
            done.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private Future<RecordMetadata> send(OutboxMessage message) {
        Context writer = telemetry.getPropagators().getTextMapPropagator()
                .extract(Context.root(), message.headers, STORED);
        Span span = tracer.spanBuilder("publish " + message.topic).setParent(writer).setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation", "publish")
                .setAttribute("messaging.destination.name", message.topic)
                .setAttribute("messaging.message.id", message.eventId.toString())
                .setAttribute("messaging.kafka.message.key", message.recordKey)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            Map<String, String> headers = new HashMap<>(message.headers);
            telemetry.getPropagators().getTextMapPropagator().inject(Context.current(), headers, Map::put);
            RecordHeaders recordHeaders = new RecordHeaders();
            headers.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(message.topic, null, message.recordKey,
                    message.payload, recordHeaders);
            return producer().send(record, (metadata, failure) -> {
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR, failure.getMessage());
                } else {
                    span.setAttribute("messaging.destination.partition.id", String.valueOf(metadata.partition()));
                    span.setAttribute("messaging.kafka.message.offset", metadata.offset());
                }
                span.end();
            });
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getMessage());
            span.end();
            throw e;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            int timeout = (int) Math.max(1_000, deadline.toMillis());
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.CLIENT_ID_CONFIG, clientId,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    // Every wait has a deadline: metadata/buffer (max.block), one request, the whole delivery.
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout / 2,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout / 2,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout,
                    ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void reset() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
