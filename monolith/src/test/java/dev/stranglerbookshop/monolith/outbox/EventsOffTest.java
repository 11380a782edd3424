package dev.stranglerbookshop.monolith.outbox;

import dev.stranglerbookshop.messaging.outbox.Outbox;
import dev.stranglerbookshop.messaging.outbox.internal.OutboxMessage;
import dev.stranglerbookshop.monolith.Shop;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Before stage 2 no events flow: a book's whole life, and an order, leave the outbox empty for them. */
@QuarkusTest
class EventsOffTest {

    @Inject
    Outbox outbox;

    @Test
    void aBookAndItsOrderWriteNoEventBeforeStageTwo() {
        assertThat(outbox.enabled()).as("the default test profile is stage 0").isFalse();
        String book = Shop.book("The Quiet Book", "no events yet", 3);
        String order = OutboxRelayTest.order(Shop.customer("quiet"), book);
        given().auth().oauth2(Shop.admin()).delete("/api/books/" + book).then().statusCode(204);

        assertThat(OutboxMessage.count("recordKey in ?1", java.util.List.of(book, order))).isZero();
    }
}
