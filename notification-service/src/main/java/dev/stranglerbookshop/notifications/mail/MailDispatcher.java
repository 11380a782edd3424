package dev.stranglerbookshop.notifications.mail;

import dev.stranglerbookshop.platform.telemetry.Untraced;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.opentelemetry.context.Scope;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gets stored mails to the SMTP server. The consumer asks for an immediate attempt right after its transaction
 * commits ({@link #sendSoon}); failures wait with exponential backoff for the retry loop, and after the last attempt
 * the mail is PARKED for an operator. A sender claims a mail before talking to SMTP: it picks the row
 * {@code FOR UPDATE SKIP LOCKED} (concurrent senders take different rows instead of waiting) and moves its next
 * attempt past the deadline (a lease), so two instances, or the consumer and the retry loop, never send it at the
 * same time, and no transaction stays open across the SMTP conversation. The server accepting a mail and the SENT
 * mark are not atomic: a crash exactly between them resends that one mail (at-least-once towards SMTP).
 */
@ApplicationScoped
public class MailDispatcher {

    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    /** Mails one retry round sends at most; the next rounds continue with a long outage's backlog. */
    private static final int ROUND_SIZE = 20;

    private final ReactiveMailer mailer;
    private final EntityManager entities;
    private final MeterRegistry meters;
    private final Duration deadline;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxAttempts;
    private final Tracer tracer;
    private final AtomicLong parked = new AtomicLong();
    private volatile boolean stopping;
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
        Gauge.builder("notifications.mails.parked", parked, AtomicLong::get)
                .description("Mails given up on after the last attempt, waiting for an operator").register(meters);
    }

    /**
     * The first attempt, right away, continuing the caller's trace (span {@code notifications.send}). It runs on this
     * class's own threads, not the consumer's: the mail client answers on the caller's Vert.x context, which a
     * consumer waiting for it would block until the deadline. Never throws: the mail is stored either way.
     */
    public void sendSoon(UUID mailId) {
        firstAttempts.execute(Context.current().wrap(() -> {
            if (stopping) {
                return;
            }
            Span span = tracer.spanBuilder("notifications.send").setAttribute("notifications.mail.id", mailId.toString())
                    .startSpan();
            try (Scope ignored = span.makeCurrent()) {
                attempt(mailId);
            } catch (RuntimeException e) {
                span.recordException(e);
                LOG.warnf("First attempt for mail %s did not complete (%s); the retry loop takes it from here",
                        mailId, e.getMessage());
            } finally {
                span.end();
            }
        }));
    }

    /**
     * Shutdown begins: the retry loop stops before the database does, instead of failing its last rounds, and queued
     * first attempts are dropped, not run against a closing mailer: their mails are due for the retry loop.
     */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        firstAttempts.shutdown();
        firstAttempts.awaitTermination(deadline.toSeconds() + 1, TimeUnit.SECONDS);
    }

    @Scheduled(identity = "mail-retries", every = "${bookshop.notifications.retry.interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryDue() {
        if (stopping) {
            return;
        }
        try (Scope ignored = Untraced.scope()) {
            for (int i = 0; i < ROUND_SIZE && !stopping; i++) {
                Optional<Claim> next = QuarkusTransaction.requiringNew().call(() -> claim(null));
                if (next.isEmpty()) {
                    break;
                }
                send(next.get());
            }
            // Counted here rather than on every park: an operator re-queueing a mail is seen too (partial index).
            parked.set(QuarkusTransaction.requiringNew().call(() -> ((Number) entities.createNativeQuery(
                    "SELECT count(*) FROM notifications.outgoing_mails WHERE status = 'PARKED'").getSingleResult())
                    .longValue()));
        }
    }

    private void attempt(UUID mailId) {
        QuarkusTransaction.requiringNew().call(() -> claim(mailId)).ifPresent(this::send);
    }

    private void send(Claim claim) {
        RenderedMail mail = claim.mail();
        RuntimeException failure = null;
        try {
            mailer.send(Mail.withText(mail.recipient(), mail.subject(), mail.body())).await().atMost(deadline);
        } catch (RuntimeException e) {
            failure = e;
        }
        RuntimeException outcome = failure;
        QuarkusTransaction.requiringNew().run(() -> record(claim.id(), outcome));
    }

    /**
     * Takes the oldest due mail ({@code only}: that one, if it is due) for one attempt. A row another sender holds
     * is skipped, not waited for; the lease then keeps the claim after this short transaction ends: a second sender
     * finds the mail not due. If this process dies mid-send, the lease runs out and the mail is tried again.
     */
    private Optional<Claim> claim(UUID only) {
        Instant now = Instant.now();
        var query = entities.createNativeQuery("SELECT * FROM notifications.outgoing_mails "
                        + "WHERE status = 'PENDING' AND next_attempt_at <= :now" + (only == null ? "" : " AND id = :id")
                        + " ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED", OutgoingMail.class)
                .setParameter("now", now);
        if (only != null) {
            query.setParameter("id", only);
        }
        @SuppressWarnings("unchecked")
        List<OutgoingMail> due = query.getResultList();
        if (due.isEmpty()) {
            return Optional.empty(); // sent, parked, not due yet, or being sent right now by someone else
        }
        OutgoingMail mail = due.get(0);
        mail.nextAttemptAt = now.plus(deadline).plus(LEASE_MARGIN);
        return Optional.of(new Claim(mail.id, new RenderedMail(mail.recipient, mail.subject, mail.body)));
    }

    private record Claim(UUID id, RenderedMail mail) {
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
            parked.incrementAndGet(); // at once; the retry loop recounts
            outcome("parked");
            LOG.errorf("Mail %s (event %s) parked after %d attempts: %s", mail.id, mail.eventId, mail.attempts, error);
        } else {
            mail.nextAttemptAt = Instant.now().plus(backoff(mail.attempts, initialBackoff, maxBackoff));
            outcome("failed");
            LOG.warnf("Mail %s (event %s) attempt %d failed, next at %s: %s", mail.id, mail.eventId, mail.attempts,
                    mail.nextAttemptAt, error);
        }
    }

    /** The wait after failed attempt number {@code attempts} (1, 2, ...): initial, doubled each time, capped. */
    static Duration backoff(int attempts, Duration initial, Duration max) {
        Duration backoff = initial.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return backoff.compareTo(max) > 0 ? max : backoff;
    }

    private void outcome(String outcome) {
        meters.counter("notifications.mails", "outcome", outcome).increment();
    }
}
