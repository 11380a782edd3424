package dev.stranglerbookshop.monolith.ordering.internal;

/** PLACED → CANCELLED (by the customer) or PLACED → SHIPPED (by an admin); both are final. */
public enum OrderStatus {
    PLACED, CANCELLED, SHIPPED
}
