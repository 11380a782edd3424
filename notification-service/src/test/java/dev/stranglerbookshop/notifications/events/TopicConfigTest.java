package dev.stranglerbookshop.notifications.events;

import dev.stranglerbookshop.contracts.events.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The channels' topics are configuration, not code: this keeps them equal to the contract's names. */
class TopicConfigTest {

    @Test
    void eachChannelReadsTheContractsTopicAndDeadLettersToItsTwin() throws IOException {
        Properties config = new Properties();
        try (InputStream in = TopicConfigTest.class.getResourceAsStream("/application.properties")) {
            config.load(in);
        }
        assertChannel(config, "user-events", Topics.USERS);
        assertChannel(config, "order-events", Topics.ORDERS);
    }

    private static void assertChannel(Properties config, String channel, String topic) {
        String prefix = "mp.messaging.incoming." + channel + ".";
        assertThat(config.getProperty(prefix + "topic")).isEqualTo(topic);
        assertThat(config.getProperty(prefix + "dead-letter-queue.topic")).isEqualTo(Topics.deadLetters(topic));
    }
}
