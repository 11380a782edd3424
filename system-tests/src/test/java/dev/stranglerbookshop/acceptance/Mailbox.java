package dev.stranglerbookshop.acceptance;

import io.restassured.path.json.JsonPath;

import java.util.List;

import static io.restassured.RestAssured.given;

/** What the suite's SMTP server received, read through its HTTP API (only where the suite started the system). */
final class Mailbox {

    private Mailbox() {
    }

    static List<String> subjectsTo(String email) {
        var response = given().baseUri(SystemUnderTest.current().mailApi())
                .get("/api/user/{email}/messages/INBOX", email);
        if (response.statusCode() != 200) {
            return List.of(); // no mail for this address yet: GreenMail creates the user on the first one
        }
        return JsonPath.from(response.asString()).getList("subject", String.class);
    }

    /** The subject of the confirmation mail for an order, in both the monolith's and the service's words. */
    static String confirmationOf(String orderId) {
        return "Your order " + orderId.substring(0, 8) + " is confirmed";
    }
}
