package dev.stranglerbookshop.monolith.notifications.internal;

import dev.stranglerbookshop.infra.mail.Mailboxes;
import com.icegreen.greenmail.util.GreenMail;
import dev.stranglerbookshop.infra.quarkus.InjectSmtp;
import dev.stranglerbookshop.monolith.Shop;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Mail goes over real SMTP (GreenMail in the test JVM), and only for what committed. */
@QuarkusTest
class MailTest {

    @InjectSmtp
    GreenMail smtp;

    @Test
    void welcomeAndOrderConfirmationArriveBySmtp() {
        String email = Shop.uniqueEmail("mailreader");
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Shop.PASSWORD, "displayName", "Mail Reader"))
                .post("/api/auth/register").then().statusCode(201);
        String token = Shop.login(email, Shop.PASSWORD);
        String book = Shop.book("The Mail Test Book", "about letters", 3);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("bookId", book, "quantity", 2))))
                .post("/api/orders").then().statusCode(201);

        List<MimeMessage> mails = await().atMost(Duration.ofSeconds(15)).until(() -> to(email), m -> m.size() == 2);
        assertThat(mails).extracting(MailTest::subject)
                .anyMatch(s -> s.startsWith("Welcome"))
                .anyMatch(s -> s.startsWith("Your order") && s.endsWith("is confirmed"));
        assertThat(mails).extracting(m -> body(m)).anyMatch(b -> b.contains("2 x The Mail Test Book at 12.50 EUR"));
    }

    @Test
    void aRefusedOrderSendsNothingAndLeavesNoInboxRow() {
        String email = Shop.uniqueEmail("unlucky");
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Shop.PASSWORD, "displayName", "Unlucky"))
                .post("/api/auth/register").then().statusCode(201);
        String token = Shop.login(email, Shop.PASSWORD);
        String book = Shop.book("The Sold Out Book", "nobody gets it", 1);

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("bookId", book, "quantity", 5))))
                .post("/api/orders").then().statusCode(409);

        await().atMost(Duration.ofSeconds(10)).until(() -> to(email).size() == 1); // the welcome
        // Positive control: an order that succeeds after the refused one is confirmed by mail; mails leave after
        // their commits and before the answer, so a confirmation of the refused order would have been sent first.
        String control = Shop.uniqueEmail("control");
        given().contentType(ContentType.JSON)
                .body(Map.of("email", control, "password", Shop.PASSWORD, "displayName", "Control"))
                .post("/api/auth/register").then().statusCode(201);
        given().auth().oauth2(Shop.login(control, Shop.PASSWORD)).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("bookId", Shop.book("The Control Book", "in stock", 3),
                        "quantity", 1)))).post("/api/orders").then().statusCode(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> to(control).size() == 2);
        assertThat(to(email)).extracting(MailTest::subject).containsExactly("Welcome to the Strangler Bookshop");
        given().auth().oauth2(token).get("/api/notifications").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(1));
    }

    private List<MimeMessage> to(String email) {
        return Mailboxes.to(smtp, email);
    }

    private static String subject(MimeMessage message) {
        return Mailboxes.subject(message);
    }

    private static String body(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
