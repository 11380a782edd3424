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
     * Twelve customers who register and sign in at the same instant (a race of its own: at stage 1 canary both sides
     * register, and a registration that outlasts auth-service's deadline is adopted, not refused or duplicated), then
     * are shared by the order races, each racing for its own book. Registering costs a bcrypt hash each, so once.
     */
    private static synchronized List<Api.Customer> crowd() throws Exception {
        if (crowd == null) {
            crowd = allAtOnce(java.util.stream.IntStream.range(0, 12)
                    .<Callable<Api.Customer>>mapToObj(i -> () -> Api.newCustomer("racer" + i)).toList());
        }
        return crowd;
    }

    /** Every call starts at the same instant (a latch); their answers in the order of the calls. */
    private static <T> List<T> allAtOnce(List<Callable<T>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<T>> answers = new ArrayList<>();
            for (Callable<T> call : calls) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> answer : answers) {
                results.add(answer.get(60, TimeUnit.SECONDS));
            }
            return List.copyOf(results);
        } finally {
            pool.shutdownNow();
        }
    }

    /** All place their order at the same instant. */
    private static List<Integer> race(String book, List<Api.Customer> customers, int quantity) throws Exception {
        return allAtOnce(customers.stream().<Callable<Integer>>map(customer -> () ->
                customer.request().body(Api.order(book, quantity)).post("/api/orders").statusCode()).toList());
    }
}
