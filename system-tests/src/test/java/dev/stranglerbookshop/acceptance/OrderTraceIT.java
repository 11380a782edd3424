package dev.stranglerbookshop.acceptance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.stranglerbookshop.acceptance.Zipkin.descendsFrom;
import static dev.stranglerbookshop.acceptance.Zipkin.service;
import static dev.stranglerbookshop.acceptance.Zipkin.span;
import static dev.stranglerbookshop.acceptance.Zipkin.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One trace follows an order across the asynchronous extraction: the monolith's HTTP server span → the outbox
 * relay's PRODUCER span (its parent is the span that wrote the outbox row, recorded with it) → notification-service's
 * CONSUMER span, a child of the producer span through the {@code traceparent} record header → the SMTP send.
 * A child, not a link: one event causes one mail, so it is a single causal chain (links suit batch consumers, where
 * one span handles records of many traces).
 */
@Acceptance
class OrderTraceIT {

    @Test
    void anOrderIsOneTraceFromTheRequestToTheMail() {
        assumeTrue(SystemUnderTest.current().broker() != null,
                "needs the broker and notification-service the suite starts from stage 2");
        assertThat(SystemUnderTest.zipkinUrl()).as("the suite starts Zipkin wherever it starts the broker")
                .isNotNull();
        Api.Customer customer = Api.newCustomer("traced");
        String book = Api.newBook("The Traced Order", "followed to the mailbox", List.of("test"), "6.00", 5);
        long since = System.currentTimeMillis() * 1000; // Zipkin timestamps are microseconds
        customer.request().body(Api.order(book, 1)).post("/api/orders").then().statusCode(201);

        // Generous: the first order after start warms every process on its way (channels, producer, consumer).
        List<Map<String, Object>> trace = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> orderTrace(since), Optional::isPresent).get();

        Map<String, Object> server = span(trace, "monolith", "SERVER", "post /api/orders");
        Map<String, Object> producer = span(trace, "monolith", "PRODUCER", "publish bookshop.orders.v1");
        Map<String, Object> consumer = trace.stream()
                .filter(s -> "notification-service".equals(service(s)) && "CONSUMER".equals(s.get("kind")))
                .findFirst().orElseThrow(() -> new AssertionError("no consumer span in " + trace));
        Map<String, Object> send = span(trace, "notification-service", null, "notifications.send");

        assertThat(descendsFrom(producer, server, trace)).as("producer under the request").isTrue();
        assertThat(consumer.get("parentId")).as("consumer is the producer's child").isEqualTo(producer.get("id"));
        assertThat(descendsFrom(send, consumer, trace)).as("mail sent under the consumer").isTrue();
        for (Map<String, Object> span : List.of(server, producer, consumer, send)) {
            assertThat(tags(span).get("migration.stage")).as(String.valueOf(span.get("name")))
                    .isEqualTo(System.getProperty("bookshop.stage", "2"));
        }
    }

    /**
     * The trace once it holds both ends of the hop. Each service exports its spans in its own batches, so the mail's
     * span can reach Zipkin before the monolith's producer span: waiting for the last span alone is a race.
     */
    private static Optional<List<Map<String, Object>>> orderTrace(long since) {
        return Zipkin.trace("monolith", "post /api/orders", since, t -> Zipkin.has(t, "notification-service", "notifications.send")
                && Zipkin.has(t, "monolith", "publish bookshop.orders.v1"));
    }

}
