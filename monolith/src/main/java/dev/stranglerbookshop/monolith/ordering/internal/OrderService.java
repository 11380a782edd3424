package dev.stranglerbookshop.monolith.ordering.internal;

import dev.stranglerbookshop.monolith.catalog.Catalog;
import dev.stranglerbookshop.monolith.catalog.ReservedBook;
import dev.stranglerbookshop.monolith.ordering.OrderCancelled;
import dev.stranglerbookshop.monolith.ordering.OrderPlaced;
import dev.stranglerbookshop.monolith.ordering.OrderShipped;
import dev.stranglerbookshop.monolith.shared.Page;
import dev.stranglerbookshop.platform.input.Amounts;
import dev.stranglerbookshop.platform.problem.Problem;
import dev.stranglerbookshop.platform.problem.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class OrderService {

    private final Catalog catalog;
    private final Event<OrderPlaced> placed;
    private final Event<OrderCancelled> cancelled;
    private final Event<OrderShipped> shipped;

    OrderService(Catalog catalog, Event<OrderPlaced> placed, Event<OrderCancelled> cancelled,
            Event<OrderShipped> shipped) {
        this.catalog = catalog;
        this.placed = placed;
        this.cancelled = cancelled;
        this.shipped = shipped;
    }

    /**
     * Reserves the stock and records the order in one transaction: either both happen or neither.
     *
     * @return the placed order; its total is EUR
     * @throws ProblemException 400 {@code validation-failed} naming {@code items} when a book's lines add up to more
     *                          than {@value PlaceOrderRequest#MAX_COPIES_PER_BOOK} copies; 422 {@code order-too-large}
     *                          when the total would exceed {@link Amounts#MAX} EUR (the range of every amount here);
     *                          404 for an unknown book and 409 for missing stock (from the catalog). Nothing is
     *                          reserved or written then.
     */
    @Transactional
    @WithSpan("ordering.placeOrder")
    public OrderView place(Customer customer, PlaceOrderRequest request) {
        Map<UUID, Integer> quantities = new LinkedHashMap<>();
        request.items().forEach(item -> quantities.merge(item.bookId(), item.quantity(), Integer::sum));
        List<Problem.FieldError> tooMany = quantities.entrySet().stream()
                .filter(e -> e.getValue() > PlaceOrderRequest.MAX_COPIES_PER_BOOK)
                .map(e -> new Problem.FieldError("items", "book " + e.getKey() + " adds up to " + e.getValue()
                        + " copies over its lines; at most " + PlaceOrderRequest.MAX_COPIES_PER_BOOK + " per order"))
                .toList();
        if (!tooMany.isEmpty()) {
            throw ProblemException.invalid(tooMany);
        }
        List<ReservedBook> reserved = catalog.reserve(quantities);

        Order order = new Order();
        order.id = UUID.randomUUID();
        order.customerId = customer.id();
        order.customerEmail = customer.email();
        order.status = OrderStatus.PLACED;
        order.createdAt = now();
        order.updatedAt = order.createdAt;
        order.total = BigDecimal.ZERO.setScale(2);
        for (ReservedBook book : reserved) {
            Order.Line line = new Order.Line();
            line.bookId = book.bookId();
            line.title = book.title();
            line.quantity = book.quantity();
            line.unitPrice = book.unitPrice();
            order.lines.add(line);
            order.total = order.total.add(book.unitPrice().multiply(BigDecimal.valueOf(book.quantity())));
        }
        if (order.total.compareTo(Amounts.MAX) > 0) { // rolls the reservation back with the rest
            throw new ProblemException(422, "order-too-large", "The order total is too large",
                    "The order would cost " + order.total.toPlainString() + " EUR; an order may cost at most "
                            + Amounts.MAX.toPlainString() + " EUR. Split it into smaller orders.");
        }
        order.persist();
        placed.fire(new OrderPlaced(UUID.randomUUID(), order.createdAt, order.id, order.customerId,
                order.customerEmail, order.lineViews(), order.total));
        return OrderView.of(order);
    }

    public Page<OrderView> list(UUID customerId, OrderStatus status, int page, int size) {
        var query = status == null
                ? Order.find("customerId", Sort.descending("createdAt").and("id"), customerId)
                : Order.find("customerId = ?1 and status = ?2", Sort.descending("createdAt").and("id"), customerId,
                        status);
        List<OrderView> orders = query.page(page, size).<Order>list().stream().map(OrderView::of).toList();
        return new Page<>(orders, page, size, query.count());
    }

    public OrderView get(UUID customerId, UUID orderId) {
        return OrderView.of(own(customerId, orderId));
    }

    @Transactional
    @WithSpan("ordering.cancelOrder")
    public OrderView cancel(UUID customerId, UUID orderId) {
        Order order = own(customerId, orderId);
        transition(order, OrderStatus.CANCELLED);
        catalog.release(order.quantities());
        cancelled.fire(new OrderCancelled(UUID.randomUUID(), order.updatedAt, order.id, order.customerId,
                order.customerEmail));
        return OrderView.of(order);
    }

    @Transactional
    @WithSpan("ordering.shipOrder")
    public OrderView ship(UUID orderId) {
        Order order = Order.<Order>findByIdOptional(orderId)
                .orElseThrow(() -> ProblemException.notFound("No order " + orderId));
        transition(order, OrderStatus.SHIPPED);
        shipped.fire(new OrderShipped(UUID.randomUUID(), order.updatedAt, order.id, order.customerId,
                order.customerEmail));
        return OrderView.of(order);
    }

    /** Another customer's order does not exist as far as this customer can tell (404, not 403). */
    private static Order own(UUID customerId, UUID orderId) {
        return Order.<Order>findByIdOptional(orderId).filter(o -> o.customerId.equals(customerId))
                .orElseThrow(() -> ProblemException.notFound("No order " + orderId));
    }

    private static void transition(Order order, OrderStatus target) {
        if (order.status != OrderStatus.PLACED) {
            throw new ProblemException(409, "order-not-" + target.name().toLowerCase(),
                    "The order cannot be " + target.name().toLowerCase(),
                    "Order " + order.id + " is " + order.status + "; only a PLACED order can be "
                            + target.name().toLowerCase() + ".");
        }
        order.status = target;
        order.updatedAt = now();
        try {
            Order.flush(); // the version check: a concurrent cancel and ship cannot both win
        } catch (OptimisticLockException raced) {
            throw new ProblemException(409, "concurrent-update", "The order changed meanwhile",
                    "Order " + order.id + " was changed by another request; reload it and try again.");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Who is ordering, from their access token. */
    public record Customer(UUID id, String email) {
    }
}
