package dev.stranglerbookshop.search.copy;

import dev.stranglerbookshop.contracts.events.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far the own index is behind the catalog (stage 4), sampled every {@code bookshop.search.copy.lag-interval}:
 * <ul>
 *   <li>{@code search_index_lag_seconds}: the age of the oldest catalog change not yet applied, from its commit in the
 *       catalog ({@code metadata.occurred_at}) to now; 0 when every partition of {@code bookshop.catalog.v1} is applied
 *       to its end.</li>
 *   <li>{@code search_index_lag_records}: how many records are not yet applied, over all partitions.</li>
 * </ul>
 * Both are NaN while the broker cannot be asked (each request has a {@value #DEADLINE_MS} ms deadline), and 0 where the
 * copy is off. Where a record stands: the next offset this instance's consumer has applied, else the consumer group's
 * committed offset (a partition another replica holds counts from its last commit, up to the connector's commit
 * interval late). A dedicated consumer that never joins the group reads the end offsets and the first unapplied
 * record (it keeps the partitions assigned and paused between samples), so the sampling never stalls the copy.
 */
@ApplicationScoped
public class IndexLag {

    /** The deadline of each request to the broker while sampling, in ms. */
    public static final int DEADLINE_MS = 5_000;

    private static final Logger LOG = Logger.getLogger(IndexLag.class);

    private final boolean enabled;
    private final String bootstrapServers;
    private final String group;
    private final Map<Integer, Long> applied = new ConcurrentHashMap<>();
    private volatile double seconds;
    private volatile double records;
    private KafkaConsumer<String, byte[]> sampler;

    IndexLag(MeterRegistry registry,
            @ConfigProperty(name = "bookshop.search.copy.enabled") boolean enabled,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "mp.messaging.incoming.catalog-events.group.id") String group) {
        this.enabled = enabled;
        this.bootstrapServers = bootstrapServers;
        this.group = group;
        Gauge.builder("search.index.lag", this, lag -> lag.seconds).baseUnit("seconds")
                .description("Age of the oldest catalog change not yet in the own index (0: caught up)")
                .register(registry);
        Gauge.builder("search.index.lag.records", this, lag -> lag.records)
                .description("Catalog events not yet applied to the own index").register(registry);
    }

    /** Called by the consumer once the record at {@code offset} is applied (or known to be older than the copy). */
    void applied(int partition, long offset) {
        applied.merge(partition, offset + 1, Math::max);
    }

    /** @return the last sampled age of the oldest unapplied change, in seconds; NaN when unknown */
    public double seconds() {
        return seconds;
    }

    /** @return the last sampled number of unapplied records; NaN when unknown */
    public double records() {
        return records;
    }

    @Scheduled(every = "${bookshop.search.copy.lag-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void sample() {
        if (!enabled) {
            return;
        }
        try {
            measure();
        } catch (RuntimeException e) {
            seconds = Double.NaN;
            records = Double.NaN;
            LOG.debugf("Index lag not sampled: %s", e.toString());
            close();
        }
    }

    private void measure() {
        KafkaConsumer<String, byte[]> consumer = sampler();
        Duration deadline = Duration.ofMillis(DEADLINE_MS);
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(Topics.CATALOG, deadline)) {
            partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        if (!consumer.assignment().equals(new HashSet<>(partitions))) {
            consumer.assign(partitions); // assigned (and paused) so that endOffsets may keep their high watermarks
            consumer.pause(partitions);
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, deadline);
        // A new group on a topic whose old records have expired starts at the log's start, not at 0.
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, deadline);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), deadline);
        Map<TopicPartition, Long> behind = new HashMap<>();
        long unapplied = 0;
        for (TopicPartition partition : partitions) {
            long next = Math.max(Math.max(applied.getOrDefault(partition.partition(), 0L),
                    Optional.ofNullable(committed.get(partition)).map(OffsetAndMetadata::offset).orElse(0L)),
                    starts.getOrDefault(partition, 0L));
            long end = ends.getOrDefault(partition, 0L);
            if (next < end) {
                behind.put(partition, next);
                unapplied += end - next;
            }
        }
        records = unapplied;
        seconds = behind.isEmpty() ? 0 : oldestAge(consumer, partitions, behind, deadline);
    }

    /**
     * Reads the first unapplied record of each partition that is behind and answers the oldest one's age. The
     * sampler keeps every partition assigned and paused, resuming only those it reads, from where they stand.
     */
    private static double oldestAge(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> behind, Duration deadline) {
        behind.forEach(consumer::seek); // a seek drops whatever was fetched before for that partition
        consumer.resume(behind.keySet());
        Instant oldest = null;
        Set<TopicPartition> seen = new HashSet<>();
        long until = System.nanoTime() + deadline.toNanos();
        try {
            while (seen.size() < behind.size() && System.nanoTime() < until) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (seen.add(partition)) {
                        Instant at = committedAt(record);
                        oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
                        consumer.pause(List.of(partition));
                    }
                }
            }
        } finally {
            consumer.pause(partitions);
        }
        if (oldest == null) {
            throw new IllegalStateException("no unapplied record could be read within " + deadline);
        }
        return Math.max(0, Duration.between(oldest, Instant.now()).toNanos() / 1e9);
    }

    /** The change's commit time in the catalog, or the record's own timestamp when the record is unreadable. */
    private static Instant committedAt(ConsumerRecord<String, byte[]> record) {
        try {
            return CatalogChange.of(record).occurredAt();
        } catch (RuntimeException poison) {
            return Instant.ofEpochMilli(record.timestamp());
        }
    }

    private KafkaConsumer<String, byte[]> sampler() {
        if (sampler == null) {
            Map<String, Object> settings = new HashMap<>();
            settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            // The group's id only to read its committed offsets: this consumer assigns, never subscribes or commits.
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "search-service-index-lag");
            settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
            settings.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, DEADLINE_MS);
            settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, DEADLINE_MS);
            sampler = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        }
        return sampler;
    }

    private synchronized void close() {
        if (sampler != null) {
            try {
                sampler.close(Duration.ofSeconds(1));
            } catch (RuntimeException ignored) {
                // closing a consumer whose broker is gone: nothing left to release
            }
            sampler = null;
        }
    }

    void stop(@Observes ShutdownEvent stopped) {
        close();
    }
}
