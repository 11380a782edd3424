package dev.stranglerbookshop.monolith.accounts;

/** The two roles a token can carry (its {@code groups} claim). */
public final class Roles {

    public static final String CUSTOMER = "customer";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
