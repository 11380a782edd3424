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

        List<Integer> statuses = race(book, crowd().subList(0, 8), 1);

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        assertThat(Api.stockOf(book)).isZero();
    }

    @Test
    void aCrowdBuysExactlyTheStockThereIs() throws Exception {
        String book = Api.newBook("The Bestseller", "everyone wants it", List.of("test"), "15.00", 5);

        List<Integer> statuses = race(book, crowd(), 1);

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        assertThat(Api.stockOf(book)).isZero();
    }

    private static List<Api.Customer> crowd;

    /**
     * Twelve signed-in customers, shared by the races (each races for its own book): registering and signing in cost
     * a bcrypt hash each, so they are made once. One after another: this test is about orders racing, and parallel
     * registrations on a saturated machine can outlast auth-service's deadline (see README, Status).
     */
    private static synchronized List<Api.Customer> crowd() {
        if (crowd == null) {
            List<Api.Customer> customers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                customers.add(Api.newCustomer("racer" + i));
            }
            crowd = List.copyOf(customers);
        }
        return crowd;
    }

    /** All place their order at the same instant. */
    private static List<Integer> race(String book, List<Api.Customer> customers, int quantity) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(customers.size());
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Api.Customer customer : customers) {
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
