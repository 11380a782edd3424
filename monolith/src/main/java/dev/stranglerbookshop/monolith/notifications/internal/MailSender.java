package dev.stranglerbookshop.monolith.notifications.internal;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends mail over SMTP after the transaction commits (a rolled-back order sends nothing). Each attempt has a deadline;
 * a failing server is retried with backoff, then the failure is logged: the inbox row is already safe. Stage 2 moves
 * this behind an outbox and Kafka, where nothing is lost even if this process dies.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);

    /** Retries after the first attempt (backoff 0.5 s doubling, at most 5 s): four attempts in all. */
    static final int RETRIES = 3;

    private final ReactiveMailer mailer;
    private final Duration deadline;

    MailSender(ReactiveMailer mailer,
            @ConfigProperty(name = "bookshop.notifications.mail-deadline", defaultValue = "PT10S") Duration deadline) {
        this.mailer = mailer;
        this.deadline = deadline;
    }

    @WithSpan("notifications.send")
    void send(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailRequested mail) {
        AtomicInteger attempt = new AtomicInteger();
        mailer.send(Mail.withText(mail.to(), mail.subject(), mail.body()))
                .ifNoItem().after(deadline).fail()
                // Each failed attempt shows, so an operator (and a test) sees retries under way, not only the give-up.
                .onFailure().invoke(failed -> LOG.warnf("Mail '%s' to %s: attempt %d of %d failed: %s", mail.subject(),
                        mail.to(), attempt.incrementAndGet(), RETRIES + 1, failed.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5)).atMost(RETRIES)
                .subscribe().with(
                        sent -> LOG.debugf("Mail '%s' sent to %s", mail.subject(), mail.to()),
                        failed -> LOG.errorf("Mail '%s' to %s could not be sent: %s", mail.subject(), mail.to(),
                                failed.getMessage()));
    }
}
