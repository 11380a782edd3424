package dev.stranglerbookshop.monolith.notifications.internal;

import dev.stranglerbookshop.infra.mail.Mailboxes;
import com.icegreen.greenmail.util.GreenMail;
import dev.stranglerbookshop.infra.quarkus.InjectSmtp;
import dev.stranglerbookshop.monolith.Shop;
import dev.stranglerbookshop.monolith.migration.StranglerRouter;
import dev.stranglerbookshop.platform.strangler.ShadowComparisons;
import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.Route;
import dev.stranglerbookshop.monolith.outbox.EventsOn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Stage 2 routing of notifications: the decision is made once per event, acted on here, and written into the
 * event's headers for notification-service. Never both sides for one event.
 */
@QuarkusTest
@TestProfile(EventsOn.class)
class NotificationRoutesTest {

    @Inject
    StranglerRouter router;

    @Inject
    EntityManager entities;

    @InjectSmtp
    GreenMail smtp;

    /** One SMTP attempt may hang until this deadline before MailSender retries it. */
    @ConfigProperty(name = "bookshop.notifications.mail-deadline", defaultValue = "PT10S")
    Duration mailDeadline;

    @AfterEach
    void backToTheMonolith() {
        router.change(Map.of(Capability.NOTIFICATIONS, Route.MONOLITH), "test");
    }

    @Test
    void serviceRouteLeavesTheMailToTheServiceAndSaysSoInTheEvent() {
        router.change(Map.of(Capability.NOTIFICATIONS, Route.parse("service")), "test");
        String email = register("handed-over");

        Map<String, String> headers = headersOfUserRegistered(email);
        assertThat(headers).containsEntry("notifications-route", "service").doesNotContainKey("expected-subject");
        assertThat(Notification.count("userId", userId(email))).isZero();
        router.change(Map.of(Capability.NOTIFICATIONS, Route.MONOLITH), "test");
        afterTheNextMail();
        assertThat(mailsTo(email)).isZero();
    }

    @Test
    void shadowRouteMailsFromTheMonolithAndTellsTheServiceWhatToExpect() {
        router.change(Map.of(Capability.NOTIFICATIONS, Route.parse("shadow")), "test");
        String email = register("shadowed");

        Map<String, String> headers = headersOfUserRegistered(email);
        Notification sent = Notification.find("userId", userId(email)).firstResult();
        assertThat(headers).containsEntry("notifications-route", "shadow")
                .containsEntry("expected-recipient", email)
                .containsEntry("expected-subject", sent.subject)
                .containsEntry("expected-body-sha256", ShadowComparisons.sha256(sent.body));
        awaitMail().until(() -> mailsTo(email) >= 1);
        afterTheNextMail();
        assertThat(mailsTo(email)).as("one mail, from the monolith only").isEqualTo(1);
    }

    @Test
    void monolithRouteMailsHereAndTheEventSaysSo() {
        String email = register("kept-home");

        assertThat(headersOfUserRegistered(email)).containsEntry("notifications-route", "monolith");
        assertThat(Notification.count("userId", userId(email))).isEqualTo(1);
        awaitMail().until(() -> mailsTo(email) >= 1);
        afterTheNextMail();
        assertThat(mailsTo(email)).isEqualTo(1);
    }

    /**
     * The positive control of every "no (other) mail" check: a registration made after the one under test is mailed
     * by the monolith, and its mail has arrived. The monolith hands a mail to SMTP after its commit and before it
     * answers, so any mail the earlier registration caused was sent before this one: the window comes from the
     * system's own order, not a sleep.
     */
    private void afterTheNextMail() {
        String control = register("control");
        awaitMail().until(() -> mailsTo(control) == 1);
    }

    @Test
    void theInboxIsReadFromTheServiceOnTheServiceRouteAndA503SaysWhenItIsDown() {
        String token = Shop.customer("reader");
        router.change(Map.of(Capability.NOTIFICATIONS, Route.parse("service")), "test");

        given().auth().oauth2(token).get("/api/notifications").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("type", org.hamcrest.Matchers.endsWith("service-unavailable"));
    }

    /**
     * The window for a mail to arrive comes from MailSender's own timing: an attempt that hangs is abandoned at the mail
     * deadline and retried after a 0.5-1 s backoff, so a mail may take one deadline plus a few seconds. (Against
     * GreenMail, a first attempt has been seen to hang like that in a full build: the mail arrived 10.5 s late.)
     */
    private org.awaitility.core.ConditionFactory awaitMail() {
        return org.awaitility.Awaitility.await().atMost(mailDeadline.plusSeconds(5));
    }

    static String register(String who) { // also MailRetryTest
        String email = Shop.uniqueEmail(who);
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Shop.PASSWORD, "displayName", who))
                .post("/api/auth/register").then().statusCode(201);
        return email;
    }

    private UUID userId(String email) {
        return (UUID) entities.createNativeQuery("SELECT id FROM accounts.accounts WHERE email = :e")
                .setParameter("e", email).getSingleResult();
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> headersOfUserRegistered(String email) {
        String headers = (String) entities.createNativeQuery(
                "SELECT headers::text FROM outbox.messages WHERE event_type = 'UserRegistered' AND record_key = :k")
                .setParameter("k", userId(email).toString()).getSingleResult();
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(headers, Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long mailsTo(String email) {
        return Mailboxes.to(smtp, email).size();
    }
}
