package dev.stranglerbookshop.acceptance;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Customers racing for the same copies: stock is reserved atomically and never goes negative. */
@Acceptance
class ConcurrencyIT {

    @Test
    void twoCustomersRacingForTheLastCopyExactlyOneWins() throws Exception {
        String book = Api.newBook("The Last Copy", "only one left", List.of("test"), "15.00", 1);

        List<Integer> statuses = race(book, 8, 1);

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        assertThat(Api.stockOf(book)).isZero();
    }

    @Test
    void aCrowdBuysExactlyTheStockThereIs() throws Exception {
        String book = Api.newBook("The Bestseller", "everyone wants it", List.of("test"), "15.00", 5);

        List<Integer> statuses = race(book, 16, 1);

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(11);
        assertThat(Api.stockOf(book)).isZero();
    }

    /** Each customer logs in first, then all place their order at the same instant. */
    private static List<Integer> race(String book, int customers, int quantity) throws Exception {
        List<Api.Customer> crowd = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            crowd.add(Api.newCustomer("racer" + i));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(customers);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Api.Customer customer : crowd) {
                Callable<Integer> order = () -> {
                    start.await();
                    return customer.request().body(Api.order(book, quantity)).post("/api/orders").statusCode();
                };
                answers.add(pool.submit(order));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
