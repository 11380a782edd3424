package dev.stranglerbookshop.contracts.events;

import java.util.List;

/**
 * The Kafka topics of {@code proto/asyncapi.yaml} (its channels' addresses; a test keeps the two equal). Versioned in
 * the name: a breaking change to a payload is a new topic, never a new meaning on an old one.
 */
public final class Topics {

    /** Events of the user aggregate; record key = user id (UUID). */
    public static final String USERS = "bookshop.users.v1";
    /** Events of the order aggregate; record key = order id (UUID). */
    public static final String ORDERS = "bookshop.orders.v1";
    /** Events of the book aggregate, each with the book's version; record key = book id (UUID). */
    public static final String CATALOG = "bookshop.catalog.v1";
    /** Appended to a topic's name to name its dead-letter twin, where consumers park records they cannot handle. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /**
     * Every topic of the contract, each followed by its dead-letter twin: what a deployment creates before anyone
     * publishes or subscribes (docker-compose.yml's {@code kafka-topics} service, the Kubernetes Kafka component's
     * {@code kafka-topics} Job, the suite's and the local stack's broker).
     */
    public static List<String> all() {
        return List.of(USERS, deadLetters(USERS), ORDERS, deadLetters(ORDERS), CATALOG, deadLetters(CATALOG));
    }

    /** The dead-letter twin of {@code topic}, e.g. {@code bookshop.users.v1.dlq}. */
    public static String deadLetters(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
