package dev.stranglerbookshop.acceptance;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Failure drills for the asynchronous extraction (stage 2 on): the broker or notification-service goes away while
 * customers order, comes back, and every order is confirmed by mail exactly once. Runs where the suite started the
 * system itself, with its own broker and SMTP server.
 */
@Acceptance
class NotificationDeliveryIT {

    @BeforeEach
    void needsTheSuitesOwnBroker() {
        assumeTrue(SystemUnderTest.current().broker() != null,
                "needs the Kafka broker and SMTP server the suite starts itself from stage 2");
    }

    @Test
    void ordersPlacedWhileKafkaIsDownAreConfirmedExactlyOnceAfterItReturns() throws Exception {
        Api.Customer customer = Api.newCustomer("outage");
        String book = Api.newBook("The Broker Outage", "written while Kafka slept", List.of("test"), "4.00", 50);
        Broker broker = SystemUnderTest.current().broker();
        List<String> orders = new ArrayList<>();
        broker.stop();
        try {
            for (int i = 0; i < 5; i++) {
                orders.add(placeOrder(customer, book)); // 201 each: the event waits in the outbox
            }
        } finally {
            broker.start();
        }
        assertEachConfirmedExactlyOnce(customer, book, orders, Duration.ofSeconds(120));
    }

    @Test
    void notificationServiceStoppedDuringABurstCatchesUpWithoutLossOrDoubles() throws Exception {
        Api.Customer customer = Api.newCustomer("burst");
        String book = Api.newBook("The Quiet Consumer", "ordered while nobody listened", List.of("test"), "4.00", 50);
        ManagedService service = SystemUnderTest.current().service("notification-service").orElseThrow();
        List<String> orders = new ArrayList<>();
        service.stop();
        try {
            for (int i = 0; i < 10; i++) {
                orders.add(placeOrder(customer, book));
            }
        } finally {
            service.start().awaitReady(Duration.ofSeconds(120));
        }
        assertEachConfirmedExactlyOnce(customer, book, orders, Duration.ofSeconds(60));
    }

    private static String placeOrder(Api.Customer customer, String book) {
        return customer.request().body(Api.order(book, 1)).post("/api/orders").then().statusCode(201)
                .extract().path("id");
    }

    private static void assertEachConfirmedExactlyOnce(Api.Customer customer, String book, List<String> orders,
            Duration atMost) throws InterruptedException {
        String email = customer.email();
        // The welcome too: it may have been on its way when the service stopped.
        List<String> expected = new java.util.ArrayList<>(orders.stream().map(Mailbox::confirmationOf).toList());
        expected.add("Welcome to the Strangler Bookshop");
        await().atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> Mailbox.subjectsTo(email).containsAll(expected));
        // The window for a duplicate comes from the system's own timing: one more order travels the whole way
        // (outbox, relay, Kafka, consumer, SMTP) while anything already in flight lands; then as long again.
        long started = System.nanoTime();
        String control = Mailbox.confirmationOf(placeOrder(customer, book));
        await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> Mailbox.subjectsTo(email).contains(control));
        Thread.sleep(Duration.ofNanos(System.nanoTime() - started).toMillis());
        expected.add(control);
        List<String> received = Mailbox.subjectsTo(email);
        for (String subject : expected) {
            assertThat(Collections.frequency(received, subject)).as(subject).isEqualTo(1);
        }
        assertThat(received).hasSize(expected.size());
    }
}
