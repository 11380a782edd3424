package dev.stranglerbookshop.notifications.mail;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The wait between attempts: the configured start, doubled per failed attempt, never above the cap. */
class MailBackoffTest {

    private static final Duration INITIAL = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofMinutes(1);

    @Test
    void doublesFromTheInitialBackoffUpToTheCap() {
        assertThat(MailDispatcher.backoff(1, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(1));
        assertThat(MailDispatcher.backoff(2, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(2));
        assertThat(MailDispatcher.backoff(3, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(4));
        assertThat(MailDispatcher.backoff(6, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(32));
        assertThat(MailDispatcher.backoff(7, INITIAL, MAX)).isEqualTo(MAX);
        assertThat(MailDispatcher.backoff(500, INITIAL, MAX)).isEqualTo(MAX); // no overflow after many attempts
    }
}
