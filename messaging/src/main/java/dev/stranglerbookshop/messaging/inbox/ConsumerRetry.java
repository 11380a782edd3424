package dev.stranglerbookshop.messaging.inbox;

/**
 * The retry policy of every event consumer, written once: a failure that is not the record's fault (see
 * {@link ConsumerFailures}) is retried with exponential backoff, holding the records behind it on the partition back,
 * for up to {@value #BUDGET_MINUTES} minutes; then the record is dead-lettered. A {@link PoisonEvent} is never retried.
 * <p>
 * MicroProfile Fault Tolerance reads its annotations on the consumer method itself, so each consumer method carries
 * them with these constants (the metrics then name the method):
 * <pre>{@code
 * @org.eclipse.microprofile.reactive.messaging.Incoming("order-events")
 * @io.smallrye.common.annotation.Blocking
 * @org.eclipse.microprofile.faulttolerance.Retry(maxRetries = -1, delay = ConsumerRetry.FIRST_DELAY_MS,
 *         maxDuration = ConsumerRetry.BUDGET_MINUTES, durationUnit = ChronoUnit.MINUTES, abortOn = PoisonEvent.class)
 * @io.smallrye.faulttolerance.api.ExponentialBackoff(maxDelay = ConsumerRetry.MAX_BACKOFF_SECONDS,
 *         maxDelayUnit = ChronoUnit.SECONDS)
 * }</pre>
 * and its channel sets {@code throttled.unprocessed-record-max-age.ms} to at least
 * {@value #UNPROCESSED_RECORD_MAX_AGE_MS}; {@link ConsumerChannels} refuses to start otherwise.
 */
public final class ConsumerRetry {

    /** The first wait, in ms; each next one is twice as long, up to {@link #MAX_BACKOFF_SECONDS}. */
    public static final long FIRST_DELAY_MS = 200;
    /** How long a record is retried while the failure is not its fault, in minutes; then it is dead-lettered. */
    public static final long BUDGET_MINUTES = 10;
    /** The longest wait between two attempts, in seconds. */
    public static final long MAX_BACKOFF_SECONDS = 30;
    /**
     * The least {@code throttled.unprocessed-record-max-age.ms} a consumer channel may have, in ms: 11 minutes. The
     * Kafka connector declares a channel dead (liveness DOWN, consumer closed) when a record waits longer than this for
     * its acknowledgement (its default, 60 s, is shorter than the retries). The budget (10 min), plus the last backoff
     * (at most 30 s, plus the retry's 200 ms jitter), leave about 30 s for the last attempt, which an outage ends
     * sooner: the connection pool gives up after its acquisition timeout (Agroal's default in Quarkus, 5 s). So an
     * outage the retries outlast never restarts the service. A consumer whose attempt can take longer (a slow
     * statement, a remote call) raises this by as much.
     */
    public static final long UNPROCESSED_RECORD_MAX_AGE_MS = 11 * 60 * 1000;

    private ConsumerRetry() {
    }
}
