package dev.stranglerbookshop.monolith.notifications.internal;

import com.icegreen.greenmail.util.GreenMail;
import dev.stranglerbookshop.infra.mail.Mailboxes;
import dev.stranglerbookshop.infra.quarkus.InjectSmtp;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
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
 * retries), then the mail is given up and the failure logged once at ERROR (not WARN, as the class says). The SMTP server (GreenMail) is stopped for real, not mocked.
 */
@QuarkusTest
class MailRetryTest {

    @InjectSmtp
    GreenMail smtp;

    @AfterEach
    void smtpIsBack() {
        if (!smtp.isRunning()) {
            smtp.start();
        }
    }

    @Test
    void aMailIsRetriedWhileSmtpIsDownAndSentOnceWhenItIsBack() throws Exception {
        smtp.stop();
        String email = register("retried");
        Thread.sleep(700); // past the first attempt, well inside the retries
        smtp.start();

        await().atMost(Duration.ofSeconds(15)).until(() -> Mailboxes.to(smtp, email).size() == 1);
        Thread.sleep(3000); // no second copy from a retry still under way
        assertThat(Mailboxes.to(smtp, email)).hasSize(1);
    }

    @Test
    void afterTheLastRetryTheMailIsGivenUpAndLoggedOnce() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
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
        Logger logger = Logger.getLogger(MailSender.class.getName());
        logger.addHandler(handler);
        smtp.stop();
        String email = register("given-up");
        try {
            Thread.sleep(12_000); // 4 attempts with 0.5 s doubling backoff are over (jitter included)
        } finally {
            logger.removeHandler(handler);
        }
        smtp.start();
        assertThat(records).filteredOn(r -> r.getLevel().intValue() == Level.SEVERE.intValue() && formatted(r).contains(email))
                .as("the give-up is logged once, at ERROR").hasSize(1);
        // Positive control: a mail sent now arrives, while the given-up one never does.
        String control = register("control");
        await().atMost(Duration.ofSeconds(15)).until(() -> Mailboxes.to(smtp, control).size() == 1);
        Thread.sleep(2000);
        assertThat(Mailboxes.to(smtp, email)).isEmpty();
    }

    private static String formatted(LogRecord record) {
        Object[] parameters = record.getParameters(); // JBoss Logging keeps printf-style parameters apart
        return record.getMessage() + (parameters == null ? "" : " " + java.util.Arrays.toString(parameters));
    }

    private static String register(String name) {
        return NotificationRoutesTest.register(name);
    }
}
