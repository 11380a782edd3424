package dev.stranglerbookshop.messaging.inbox;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerChannelsTest {

    private final Map<String, String> config = new HashMap<>();

    @Test
    void aChannelThatKeepsTheConventionsPasses() {
        channel("order-events", "bookshop.orders.v1");

        assertThat(problems()).isEmpty();
    }

    @Test
    void eachBrokenConventionIsNamedWithItsChannel() {
        channel("order-events", "bookshop.orders.v1");
        config.put("mp.messaging.incoming.order-events.failure-strategy", "ignore");
        channel("user-events", "bookshop.users.v1");
        config.put("mp.messaging.incoming.user-events.dead-letter-queue.topic", "bookshop.orders.v1.dlq");
        config.put("mp.messaging.incoming.user-events.throttled.unprocessed-record-max-age.ms", "60000");

        assertThat(problems()).containsExactly(
                "order-events: failure-strategy is 'ignore', not 'dead-letter-queue'",
                "user-events: dead-letter-queue.topic is 'bookshop.orders.v1.dlq', not 'bookshop.users.v1.dlq'",
                "user-events: throttled.unprocessed-record-max-age.ms is 60000, under the 660000 the retries need");
    }

    @Test
    void theConnectorsDefaultsDoNotPass() {
        config.put("mp.messaging.incoming.payments.connector", "smallrye-kafka"); // topic = channel name

        assertThat(problems()).containsExactly(
                "payments: failure-strategy is 'fail', not 'dead-letter-queue'",
                "payments: dead-letter-queue.topic is 'dead-letter-topic-payments', not 'payments.dlq'",
                "payments: throttled.unprocessed-record-max-age.ms is 60000, under the 660000 the retries need",
                "payments: has no group.id",
                "payments: poll-timeout is '1000', not 1-100 ms (each partition's first record would wait out a poll)");
    }

    @Test
    void aBlankGroupAndALongZeroOrUnreadablePollTimeoutAreRefused() {
        channel("order-events", "bookshop.orders.v1");
        config.put("mp.messaging.incoming.order-events.group.id", " ");
        assertThat(problems()).containsExactly("order-events: has no group.id");

        config.put("mp.messaging.incoming.order-events.group.id", "tests");
        for (String timeout : List.of("101", "0", "-5", "100ms", "")) {
            config.put("mp.messaging.incoming.order-events.poll-timeout", timeout);
            assertThat(problems()).as(timeout).singleElement().asString()
                    .startsWith("order-events: poll-timeout is '" + timeout + "', not 1-100 ms");
        }
        config.put("mp.messaging.incoming.order-events.poll-timeout", "1");
        assertThat(problems()).isEmpty();
    }

    @Test
    void connectorWideDefaultsCountWhereTheChannelSetsNoneAndTheChannelsOwnWins() {
        config.put("mp.messaging.incoming.payments.connector", "smallrye-kafka");
        config.put("mp.messaging.incoming.payments.dead-letter-queue.topic", "payments.dlq");
        String defaults = "mp.messaging.connector.smallrye-kafka.";
        config.put(defaults + "failure-strategy", "dead-letter-queue");
        config.put(defaults + "throttled.unprocessed-record-max-age.ms", "660000");
        config.put(defaults + "group.id", "payments-service");
        config.put(defaults + "poll-timeout", "100");
        assertThat(problems()).isEmpty();

        config.put("mp.messaging.incoming.payments.poll-timeout", "1000");
        assertThat(problems()).singleElement().asString().startsWith("payments: poll-timeout is '1000'");
    }

    @Test
    void aMaxAgeOfZeroTurnsTheConnectorsCheckOffAndPassesButGarbageDoesNot() {
        channel("order-events", "bookshop.orders.v1");
        config.put("mp.messaging.incoming.order-events.throttled.unprocessed-record-max-age.ms", "0");
        assertThat(problems()).isEmpty();

        config.put("mp.messaging.incoming.order-events.throttled.unprocessed-record-max-age.ms", "11min");
        assertThat(problems()).singleElement().asString().contains("is 11min");
    }

    @Test
    void aChannelSwitchedOffIsLeftAlone() {
        config.put("mp.messaging.incoming.payments.connector", "smallrye-kafka");
        config.put("mp.messaging.incoming.payments.enabled", "false");

        assertThat(problems()).isEmpty();
    }

    @Test
    void aChannelReadingSeveralTopicsIsRefusedForItHasNoOneDeadLetterTwin() {
        channel("order-events", "bookshop.orders.v1");
        config.put("mp.messaging.incoming.order-events.topics", "bookshop.orders.v1,bookshop.users.v1");
        channel("everything", "bookshop\\..*");
        config.put("mp.messaging.incoming.everything.pattern", "true");

        assertThat(problems()).containsExactly(
                "everything: reads several topics (topics or pattern); use one channel per topic",
                "order-events: reads several topics (topics or pattern); use one channel per topic");
    }

    @Test
    void otherConnectorsAndOutgoingChannelsAreNotChecked() {
        config.put("mp.messaging.incoming.ticks.connector", "smallrye-in-memory");
        config.put("mp.messaging.outgoing.order-events.connector", "smallrye-kafka");

        assertThat(problems()).isEmpty();
    }

    @Test
    void theStartupCheckRefusesNamingEveryProblemAndPassesAGoodChannel() {
        channel("order-events", "bookshop.orders.v1");
        ConsumerChannels.require(config.keySet(), name -> Optional.ofNullable(config.get(name)));

        config.put("mp.messaging.incoming.payments.connector", "smallrye-kafka");
        assertThatThrownBy(() -> ConsumerChannels.require(config.keySet(),
                name -> Optional.ofNullable(config.get(name))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("payments: failure-strategy").hasMessageContaining("payments: dead-letter-queue")
                .hasMessageContaining("payments: throttled").hasMessageNotContaining("order-events");
    }

    private void channel(String name, String topic) {
        String prefix = "mp.messaging.incoming." + name + ".";
        config.put(prefix + "connector", "smallrye-kafka");
        config.put(prefix + "topic", topic);
        config.put(prefix + "failure-strategy", "dead-letter-queue");
        config.put(prefix + "dead-letter-queue.topic", topic + ".dlq");
        config.put(prefix + "throttled.unprocessed-record-max-age.ms", "660000");
        config.put(prefix + "group.id", "tests");
        config.put(prefix + "poll-timeout", "100");
    }

    private List<String> problems() {
        return ConsumerChannels.problems(config.keySet(), name -> Optional.ofNullable(config.get(name)));
    }
}
