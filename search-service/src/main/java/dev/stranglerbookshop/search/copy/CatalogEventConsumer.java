package dev.stranglerbookshop.search.copy;

import dev.stranglerbookshop.messaging.inbox.ConsumerFailures;
import dev.stranglerbookshop.messaging.inbox.ConsumerRetry;
import dev.stranglerbookshop.messaging.inbox.PoisonEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.temporal.ChronoUnit;

/**
 * Feeds the own index from {@code bookshop.catalog.v1} (stage 4; the channel is off before, when this service reads
 * the monolith's projection instead: {@code bookshop.search.copy.enabled}). The messaging library's consumer
 * conventions, with one difference: de-duplication is by each book's version ({@link CatalogCopy}), not by event id,
 * because a copy must also refuse an <em>older</em> change that arrives late (after a newer snapshot page, say), which
 * an event-id inbox cannot tell. A record that can never be applied (unreadable, or a book no copy could hold) is a
 * {@link PoisonEvent}, parked on {@code bookshop.catalog.v1.dlq} with its reason; the database being away is retried
 * ({@link ConsumerRetry}), holding the partition back, which {@link IndexLag} then shows.
 */
@ApplicationScoped
public class CatalogEventConsumer {

    private final CatalogCopy copy;
    private final IndexLag lag;

    CatalogEventConsumer(CatalogCopy copy, IndexLag lag) {
        this.copy = copy;
        this.lag = lag;
    }

    /**
     * Applies one record; returns once it is committed (or known to be older than what the copy holds), then the
     * record is acked.
     *
     * @throws PoisonEvent when the record can never be applied: dead-lettered without a retry
     * @throws RuntimeException anything else, after the retries: dead-lettered too
     */
    @Incoming("catalog-events")
    @Blocking
    @Retry(maxRetries = -1, delay = ConsumerRetry.FIRST_DELAY_MS, maxDuration = ConsumerRetry.BUDGET_MINUTES,
            durationUnit = ChronoUnit.MINUTES, abortOn = PoisonEvent.class)
    @ExponentialBackoff(maxDelay = ConsumerRetry.MAX_BACKOFF_SECONDS, maxDelayUnit = ChronoUnit.SECONDS)
    public void onCatalogEvent(ConsumerRecord<String, byte[]> record) {
        CatalogChange change = CatalogChange.of(record);
        try {
            if (change instanceof CatalogChange.Upsert upsert) {
                copy.apply(upsert.book());
            } else {
                copy.delete(change.bookId(), change.version());
            }
        } catch (IllegalArgumentException e) {
            throw new PoisonEvent("this book can never be indexed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw ConsumerFailures.classify(e);
        }
        lag.applied(record.partition(), record.offset());
    }
}
