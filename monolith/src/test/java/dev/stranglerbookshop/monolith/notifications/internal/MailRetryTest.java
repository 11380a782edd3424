package dev.stranglerbookshop.monolith.notifications.internal;

import com.icegreen.greenmail.util.GreenMail;
import dev.stranglerbookshop.infra.mail.Mailboxes;
import dev.stranglerbookshop.infra.quarkus.InjectSmtp;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MailSender's promise (stages 0/1): a failing SMTP server is retried with backoff (0.5 s doubling, at most 3
 * retries), then the mail is given up and the failure logged once at ERROR. The SMTP server (GreenMail) is stopped for
 * real, not mocked. The windows come from MailSender's own log: each failed attempt (WARN), the send (DEBUG) and the
 * give-up (ERROR) say when its retry chain is under way or over, so no check waits a fixed time.
 */
@QuarkusTest
class MailRetryTest {

    /** Four attempts that fail at once (SMTP refuses the connection) plus backoffs of at most 0.5 + 1 + 2 s, jittered. */
    private static final Duration RETRIES_OVER = Duration.ofSeconds(30);

    @InjectSmtp
    GreenMail smtp;

    private final Logger logger = Logger.getLogger(MailSender.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;

    @BeforeEach
    void captureTheSendersLog() {
        levelBefore = logger.getLevel();
        logger.setLevel(Level.FINE); // the successful send is logged at DEBUG
        logger.addHandler(capture);
    }

    @AfterEach
    void smtpIsBack() {
        logger.removeHandler(capture);
        logger.setLevel(levelBefore);
        if (!smtp.isRunning()) {
            smtp.start();
        }
    }

    @Test
    void aMailIsRetriedWhileSmtpIsDownAndSentOnceWhenItIsBack() {
        smtp.stop();
        String email = register("retried");
        await().atMost(RETRIES_OVER).until(() -> failedAttempts(email) >= 1); // past the first attempt
        smtp.start();

        await().atMost(RETRIES_OVER).until(() -> logged(Level.FINE, email) == 1); // the retry chain is over
        assertThat(Mailboxes.to(smtp, email)).as("sent once, by the retry that succeeded").hasSize(1);
        assertThat(failedAttempts(email)).as("the attempts before SMTP came back").isBetween(1L, 3L);
        assertThat(logged(Level.SEVERE, email)).isZero();
    }

    @Test
    void afterTheLastRetryTheMailIsGivenUpAndLoggedOnce() {
        smtp.stop();
        String email = register("given-up");
        await().atMost(RETRIES_OVER).until(() -> logged(Level.SEVERE, email) >= 1);
        assertThat(failedAttempts(email)).as("the first attempt and every retry").isEqualTo(MailSender.RETRIES + 1);
        assertThat(logged(Level.SEVERE, email)).as("the give-up is logged once, at ERROR").isEqualTo(1);
        smtp.start();

        // Positive control: a mail sent now arrives; the given-up one, whose chain ended with the ERROR, never does.
        String control = register("control");
        await().atMost(RETRIES_OVER).until(() -> Mailboxes.to(smtp, control).size() == 1);
        assertThat(Mailboxes.to(smtp, email)).isEmpty();
    }

    private long failedAttempts(String email) {
        return logged(Level.WARNING, email);
    }

    private long logged(Level level, String email) {
        return records.stream().filter(r -> r.getLevel().intValue() == level.intValue() && formatted(r).contains(email))
                .count();
    }

    private static String formatted(LogRecord record) {
        Object[] parameters = record.getParameters(); // JBoss Logging keeps printf-style parameters apart
        return record.getMessage() + (parameters == null ? "" : " " + java.util.Arrays.toString(parameters));
    }

    private static String register(String name) {
        return NotificationRoutesTest.register(name);
    }
}
