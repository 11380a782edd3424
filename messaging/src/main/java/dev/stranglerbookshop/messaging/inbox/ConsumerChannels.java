package dev.stranglerbookshop.messaging.inbox;

import dev.stranglerbookshop.contracts.events.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The consumer conventions, checked at start so a channel cannot silently lose them: every incoming Kafka channel
 * ({@code mp.messaging.incoming.<channel>.connector=smallrye-kafka}) must
 * <ul>
 *   <li>park what it cannot handle: {@code failure-strategy=dead-letter-queue} with
 *       {@code dead-letter-queue.topic} = its topic's twin ({@link Topics#deadLetters}, as {@code proto/asyncapi.yaml}
 *       names it);</li>
 *   <li>outlast its own retries: {@code throttled.unprocessed-record-max-age.ms} of at least
 *       {@value ConsumerRetry#UNPROCESSED_RECORD_MAX_AGE_MS} (or 0, which turns the check off);</li>
 *   <li>belong to a named consumer group ({@code group.id}): without one, where it resumes depends on a default;</li>
 *   <li>poll for at most {@value #MAX_POLL_TIMEOUT_MS} ms at a time ({@code poll-timeout}; the connector's default is
 *       1,000 ms): the connector runs its own work on the polling thread between polls, including the lookup of a
 *       partition's committed offset when that partition's first record arrives, so the first event on every
 *       partition after a start or a rebalance waited out the poll (figures in the README, "Measured").</li>
 * </ul>
 * and read one topic ({@code topic}, not {@code topics} or {@code pattern}). A connector-wide default
 * ({@code mp.messaging.connector.smallrye-kafka.<attribute>}) counts where the channel sets none, as it does for the
 * connector; the topic and its dead-letter twin are per channel. A channel with {@code enabled=false} is
 * left alone. A channel that breaks one stops the start, before any channel polls, with an
 * {@link IllegalStateException} listing every problem. Where at least one channel consumes, the idempotent
 * consumer's table must exist and be writable too ({@link ProcessedEvents#requireWritable}), unless the deployable
 * leaves {@link ProcessedEvents} out ({@code quarkus.arc.exclude-types}) because it de-duplicates otherwise (by
 * each aggregate's version, as search-service's copy).
 */
@ApplicationScoped
public class ConsumerChannels {

    /** The longest {@code poll-timeout} a consumer channel may have, in milliseconds (see the class comment). */
    public static final long MAX_POLL_TIMEOUT_MS = 100;

    private static final String CONNECTOR_DEFAULTS = "mp.messaging.connector.smallrye-kafka.";
    private static final Pattern CONNECTOR = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");

    // Before the Kafka connector starts polling (its StartupEvent observer runs at LIBRARY_BEFORE): a broken channel
    // must not consume, and perhaps lose, a record before the start is refused.
    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started, Config config,
            Instance<ProcessedEvents> processed) {
        Function<String, Optional<String>> value = name -> config.getOptionalValue(name, String.class);
        require(config.getPropertyNames(), value);
        if (!enabled(config.getPropertyNames(), value).isEmpty() && processed.isResolvable()) {
            processed.get().requireWritable();
        }
    }

    /**
     * @param names every configuration property name
     * @param value a property's value, empty when unset
     * @throws IllegalStateException naming every {@link #problems problem}, when there is one
     */
    public static void require(Iterable<String> names, Function<String, Optional<String>> value) {
        List<String> problems = problems(names, value);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Consumer channels break the messaging conventions (see "
                    + "messaging/README.md): " + String.join("; ", problems));
        }
    }

    /**
     * @param names every configuration property name
     * @param value a property's value, empty when unset
     * @return one sentence per broken convention, empty when every Kafka consumer channel keeps them
     */
    public static List<String> problems(Iterable<String> names, Function<String, Optional<String>> value) {
        List<String> problems = new ArrayList<>();
        for (String channel : enabled(names, value)) {
            // A channel's own attribute, else the connector-wide default, as the connector itself resolves them.
            Function<String, Optional<String>> setting = key -> value.apply("mp.messaging.incoming." + channel + "." + key)
                    .or(() -> value.apply(CONNECTOR_DEFAULTS + key));
            boolean pattern = setting.apply("pattern").map(String::strip).filter("true"::equalsIgnoreCase)
                    .isPresent();
            if (setting.apply("topics").isPresent() || pattern) {
                // One dead-letter twin per topic: a channel reading several topics cannot have it.
                problems.add(channel + ": reads several topics (topics or pattern); use one channel per topic");
                continue;
            }
            String topic = value.apply("mp.messaging.incoming." + channel + ".topic").orElse(channel); // the connector's default
            String strategy = setting.apply("failure-strategy").orElse("fail");
            if (!strategy.equals("dead-letter-queue")) {
                problems.add(channel + ": failure-strategy is '" + strategy + "', not 'dead-letter-queue'");
            }
            String deadLetters = value.apply("mp.messaging.incoming." + channel + ".dead-letter-queue.topic").orElse("dead-letter-topic-" + topic);
            if (!deadLetters.equals(Topics.deadLetters(topic))) {
                problems.add(channel + ": dead-letter-queue.topic is '" + deadLetters + "', not '"
                        + Topics.deadLetters(topic) + "'");
            }
            String maxAge = setting.apply("throttled.unprocessed-record-max-age.ms").orElse("60000");
            if (!outlastsTheRetries(maxAge)) {
                problems.add(channel + ": throttled.unprocessed-record-max-age.ms is " + maxAge + ", under the "
                        + ConsumerRetry.UNPROCESSED_RECORD_MAX_AGE_MS + " the retries need");
            }
            if (setting.apply("group.id").filter(group -> !group.isBlank()).isEmpty()) {
                problems.add(channel + ": has no group.id");
            }
            String pollTimeout = setting.apply("poll-timeout").orElse("1000");
            if (!atMost(pollTimeout, MAX_POLL_TIMEOUT_MS)) {
                problems.add(channel + ": poll-timeout is '" + pollTimeout + "', not 1-" + MAX_POLL_TIMEOUT_MS
                        + " ms (each partition's first record would wait out a poll)");
            }
        }
        return problems;
    }

    /** The incoming Kafka channels, by name, less those switched off on purpose ({@code enabled=false}). */
    static TreeSet<String> enabled(Iterable<String> names, Function<String, Optional<String>> value) {
        TreeSet<String> channels = new TreeSet<>();
        for (String name : names) {
            Matcher m = CONNECTOR.matcher(name);
            if (m.matches() && value.apply(name).filter("smallrye-kafka"::equals).isPresent()
                    && value.apply("mp.messaging.incoming." + m.group(1) + ".enabled").map(String::strip)
                    .filter("false"::equalsIgnoreCase).isEmpty()) {
                channels.add(m.group(1));
            }
        }
        return channels;
    }

    private static boolean atMost(String number, long limit) {
        try {
            long parsed = Long.parseLong(number.trim());
            return parsed > 0 && parsed <= limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean outlastsTheRetries(String maxAge) {
        try {
            long ms = Long.parseLong(maxAge.trim());
            return ms == 0 || ms >= ConsumerRetry.UNPROCESSED_RECORD_MAX_AGE_MS;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
