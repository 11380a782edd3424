package dev.stranglerbookshop.acceptance;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Shadow mode for the asynchronous extraction, end to end: the monolith mails, notification-service renders the same
 * mails in a dry run from the published events and compares them with what the monolith recorded in the headers.
 * Every mail must match — this is what proves the service's copy of the templates says the same — and none is
 * sent twice.
 */
@Acceptance
class NotificationShadowIT {

    @Test
    void inShadowEveryMailTheMonolithSendsIsMatchedByTheServicesDryRun() {
        var service = SystemUnderTest.current().service("notification-service");
        assumeTrue(service.isPresent(), "needs a notification-service the suite started itself (stage 2 or later)");
        var metrics = given().baseUri(service.get().baseUrl());
        String admin = Api.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        String configured = route(admin, null);
        route(admin, "shadow");
        try {
            double matches = Api.metric(metrics, "strangler_shadow_total", "outcome=\"match\"");
            double mismatches = Api.metric(metrics, "strangler_shadow_total", "outcome=\"mismatch\"");
            Api.Customer customer = Api.newCustomer("shadowed");
            String book = Api.newBook("The Shadow Reader", "mailed twice over, sent once", List.of("test"), "7.50", 5);
            String order = customer.request().body(Api.order(book, 2)).post("/api/orders").then().statusCode(201)
                    .extract().path("id");
            Api.asAdmin().post("/api/orders/" + order + "/ship").then().statusCode(200);

            // welcome, confirmation, shipping notice
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Api.metric(metrics, "strangler_shadow_total", "outcome=\"match\"") >= matches + 3);
            // Positive control, for "nothing else": one more order travels the same way; once its mail and its
            // match are in, anything the first three caused has had its chance to show up twice.
            String control = customer.request().body(Api.order(book, 1)).post("/api/orders").then().statusCode(201)
                    .extract().path("id");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Api.metric(metrics, "strangler_shadow_total", "outcome=\"match\"") >= matches + 4
                            && Mailbox.subjectsTo(customer.email()).contains(Mailbox.confirmationOf(control)));
            assertThat(Api.metric(metrics, "strangler_shadow_total", "outcome=\"match\"")).isEqualTo(matches + 4);
            assertThat(Api.metric(metrics, "strangler_shadow_total", "outcome=\"mismatch\"")).isEqualTo(mismatches);
            List<String> received = Mailbox.subjectsTo(customer.email());
            assertThat(received).containsExactlyInAnyOrder("Welcome to the Strangler Bookshop",
                    Mailbox.confirmationOf(order), "Your order " + order.substring(0, 8) + " has shipped",
                    Mailbox.confirmationOf(control));
            // The monolith answers the inbox in shadow mode.
            customer.request().get("/api/notifications").then().statusCode(200)
                    .body("total", org.hamcrest.Matchers.equalTo(4));
        } finally {
            route(admin, configured);
        }
    }

    private static String route(String admin, String route) {
        String current = given().auth().oauth2(admin).get("/api/admin/migration").then().statusCode(200)
                .extract().path("routes.notifications");
        if (route != null) {
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("routes", Map.of("notifications", route))).put("/api/admin/migration").then()
                    .statusCode(200);
        }
        return current;
    }
}
