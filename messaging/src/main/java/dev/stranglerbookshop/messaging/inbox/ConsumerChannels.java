package dev.stranglerbookshop.messaging.inbox;

import dev.stranglerbookshop.contracts.events.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
 *       partition after a start or a rebalance waited out the poll (measured: three of five warm-up orders took
 *       1.07 to 1.23 s from order to mail, one per partition, against 63-66 ms for the rest).</li>
 * </ul>
 * and read one topic ({@code topic}, not {@code topics} or {@code pattern}). A channel with {@code enabled=false} is
 * left alone. A channel that breaks one stops the start, before any channel polls, with an
 * {@link IllegalStateException} listing every problem.
 */
@ApplicationScoped
public class ConsumerChannels {

    /** The longest {@code poll-timeout} a consumer channel may have, in milliseconds (see the class comment). */
    public static final long MAX_POLL_TIMEOUT_MS = 100;

    private static final Pattern CONNECTOR = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");

    // Before the Kafka connector starts polling (its StartupEvent observer runs at LIBRARY_BEFORE): a broken channel
    // must not consume, and perhaps lose, a record before the start is refused.
    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started, Config config) {
        require(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
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
        TreeSet<String> channels = new TreeSet<>();
        for (String name : names) {
            Matcher m = CONNECTOR.matcher(name);
            if (m.matches() && value.apply(name).filter("smallrye-kafka"::equals).isPresent()) {
                channels.add(m.group(1));
            }
        }
        List<String> problems = new ArrayList<>();
        for (String channel : channels) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            if (value.apply(prefix + "enabled").map(String::strip).filter("false"::equalsIgnoreCase).isPresent()) {
                continue; // switched off on purpose: it consumes nothing
            }
            boolean pattern = value.apply(prefix + "pattern").map(String::strip).filter("true"::equalsIgnoreCase)
                    .isPresent();
            if (value.apply(prefix + "topics").isPresent() || pattern) {
                // One dead-letter twin per topic: a channel reading several topics cannot have it.
                problems.add(channel + ": reads several topics (topics or pattern); use one channel per topic");
                continue;
            }
            String topic = value.apply(prefix + "topic").orElse(channel); // the connector's default
            String strategy = value.apply(prefix + "failure-strategy").orElse("fail");
            if (!strategy.equals("dead-letter-queue")) {
                problems.add(channel + ": failure-strategy is '" + strategy + "', not 'dead-letter-queue'");
            }
            String deadLetters = value.apply(prefix + "dead-letter-queue.topic").orElse("dead-letter-topic-" + topic);
            if (!deadLetters.equals(Topics.deadLetters(topic))) {
                problems.add(channel + ": dead-letter-queue.topic is '" + deadLetters + "', not '"
                        + Topics.deadLetters(topic) + "'");
            }
            String maxAge = value.apply(prefix + "throttled.unprocessed-record-max-age.ms").orElse("60000");
            if (!outlastsTheRetries(maxAge)) {
                problems.add(channel + ": throttled.unprocessed-record-max-age.ms is " + maxAge + ", under the "
                        + ConsumerRetry.UNPROCESSED_RECORD_MAX_AGE_MS + " the retries need");
            }
            if (value.apply(prefix + "group.id").filter(group -> !group.isBlank()).isEmpty()) {
                problems.add(channel + ": has no group.id");
            }
            String pollTimeout = value.apply(prefix + "poll-timeout").orElse("1000");
            if (!atMost(pollTimeout, MAX_POLL_TIMEOUT_MS)) {
                problems.add(channel + ": poll-timeout is " + pollTimeout + " ms, over " + MAX_POLL_TIMEOUT_MS
                        + " (each partition's first record would wait out a poll)");
            }
        }
        return problems;
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
