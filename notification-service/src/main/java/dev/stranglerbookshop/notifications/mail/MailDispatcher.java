package dev.stranglerbookshop.notifications.mail;

import dev.stranglerbookshop.platform.telemetry.Untraced;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.opentelemetry.context.Scope;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Gets stored mails to the SMTP server. The consumer asks for an immediate attempt right after its transaction
 * commits ({@link #sendSoon}); failures wait with exponential backoff for the retry loop, and after the last attempt the mail is PARKED
 * for an operator. A sender claims a mail with a lease before talking to SMTP, so two instances, or the consumer and
 * the retry loop, never send it at the same time. The server accepting a mail and the SENT mark are not atomic: a
 * crash exactly between them resends that one mail (at-least-once towards SMTP).
 */
@ApplicationScoped
public class MailDispatcher {

    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);

    private final ReactiveMailer mailer;
    private final EntityManager entities;
    private final MeterRegistry meters;
    private final Duration deadline;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxAttempts;
    private final Tracer tracer;
    private final ExecutorService firstAttempts = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "mail-first-attempt");
        thread.setDaemon(true);
        return thread;
    });

    MailDispatcher(ReactiveMailer mailer, EntityManager entities, MeterRegistry meters, Tracer tracer,
            @ConfigProperty(name = "bookshop.notifications.mail-deadline", defaultValue = "PT10S") Duration deadline,
            @ConfigProperty(name = "bookshop.notifications.retry.initial-backoff", defaultValue = "PT1S") Duration initialBackoff,
            @ConfigProperty(name = "bookshop.notifications.retry.max-backoff", defaultValue = "PT1M") Duration maxBackoff,
            @ConfigProperty(name = "bookshop.notifications.retry.max-attempts", defaultValue = "5") int maxAttempts) {
        this.mailer = mailer;
        this.entities = entities;
        this.meters = meters;
        this.deadline = deadline;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxAttempts = maxAttempts;
        this.tracer = tracer;
    }

    /**
     * The first attempt, right away, continuing the caller's trace (span {@code notifications.send}). It runs on this
     * class's own threads, not the consumer's: the mail client answers on the caller's Vert.x context, which a
     * consumer waiting for it would block until the deadline. Never throws: the mail is stored either way.
     */
    public void sendSoon(UUID mailId) {
        // Only the span context crosses threads: carrying the caller's whole context along (Context.wrap) drags the
        // consumer's Vert.x context with it, and Narayana then sees two threads in one transaction.
        SpanContext parent = Span.current().getSpanContext();
        firstAttempts.execute(() -> {
            Span span = tracer.spanBuilder("notifications.send").setParent(Context.root().with(Span.wrap(parent)))
                    .setAttribute("notifications.mail.id", mailId.toString()).startSpan();
            try (Scope ignored = span.makeCurrent()) {
                attempt(mailId);
            } catch (RuntimeException e) {
                span.recordException(e);
                LOG.warnf("First attempt for mail %s did not complete (%s); the retry loop takes it from here",
                        mailId, e.getMessage());
            } finally {
                span.end();
            }
        });
    }

    /** Queued first attempts are dropped, not run against a closing mailer: their mails are due for the retry loop. */
    @PreDestroy
    void stop() throws InterruptedException {
        firstAttempts.shutdownNow();
        firstAttempts.awaitTermination(deadline.toSeconds() + 1, TimeUnit.SECONDS);
    }

    @Scheduled(identity = "mail-retries", every = "${bookshop.notifications.retry.interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not while shutting down: the database pool closes under a running task (ERROR lines at every stop).
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void retryDue() {
        try (Scope ignored = Untraced.scope()) {
            List<UUID> due = QuarkusTransaction.requiringNew().call(() -> entities.createQuery(
                    "select m.id from OutgoingMail m where m.status = :pending and m.nextAttemptAt <= :now "
                            + "order by m.nextAttemptAt", UUID.class)
                    .setParameter("pending", OutgoingMail.Status.PENDING).setParameter("now", Instant.now())
                    .setMaxResults(20).getResultList());
            due.forEach(this::attempt);
        }
    }

    private void attempt(UUID mailId) {
        Optional<RenderedMail> claimed = QuarkusTransaction.requiringNew().call(() -> claim(mailId));
        if (claimed.isEmpty()) {
            return; // sent, parked, not due yet, or being sent right now by someone else
        }
        RenderedMail mail = claimed.get();
        RuntimeException failure = null;
        try {
            mailer.send(Mail.withText(mail.recipient(), mail.subject(), mail.body())).await().atMost(deadline);
        } catch (RuntimeException e) {
            failure = e;
        }
        RuntimeException outcome = failure;
        QuarkusTransaction.requiringNew().run(() -> record(mailId, outcome));
    }

    /**
     * Takes the mail for one attempt by moving its next attempt past the deadline (a lease): a second sender's update
     * finds it not due. No transaction stays open across the SMTP conversation; if this process dies mid-send, the
     * lease runs out and the mail is tried again.
     */
    private Optional<RenderedMail> claim(UUID mailId) {
        Instant now = Instant.now();
        int taken = entities.createQuery("update OutgoingMail m set m.nextAttemptAt = :lease "
                        + "where m.id = :id and m.status = :pending and m.nextAttemptAt <= :now")
                .setParameter("lease", now.plus(deadline).plus(LEASE_MARGIN)).setParameter("id", mailId)
                .setParameter("pending", OutgoingMail.Status.PENDING).setParameter("now", now).executeUpdate();
        if (taken == 0) {
            return Optional.empty();
        }
        OutgoingMail mail = entities.find(OutgoingMail.class, mailId);
        return Optional.of(new RenderedMail(mail.recipient, mail.subject, mail.body));
    }

    private void record(UUID mailId, RuntimeException failure) {
        OutgoingMail mail = entities.find(OutgoingMail.class, mailId);
        if (failure != null) {
            failed(mail, failure);
            return;
        }
        mail.status = OutgoingMail.Status.SENT;
        mail.sentAt = Instant.now();
        mail.attempts++;
        outcome("sent");
    }

    private void failed(OutgoingMail mail, RuntimeException e) {
        mail.attempts++;
        String error = String.valueOf(e.getMessage());
        mail.lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
        if (mail.attempts >= maxAttempts) {
            mail.status = OutgoingMail.Status.PARKED;
            outcome("parked");
            LOG.errorf("Mail %s (event %s) parked after %d attempts: %s", mail.id, mail.eventId, mail.attempts, error);
        } else {
            Duration backoff = initialBackoff.multipliedBy(1L << Math.min(20, mail.attempts - 1));
            mail.nextAttemptAt = Instant.now().plus(backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff);
            outcome("failed");
            LOG.warnf("Mail %s (event %s) attempt %d failed, next at %s: %s", mail.id, mail.eventId, mail.attempts,
                    mail.nextAttemptAt, error);
        }
    }

    private void outcome(String outcome) {
        meters.counter("notifications.mails", "outcome", outcome).increment();
    }
}
