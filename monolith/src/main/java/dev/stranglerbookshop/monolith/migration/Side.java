package dev.stranglerbookshop.monolith.migration;

/** Where one call goes. */
public enum Side {
    /** The in-process module answers. */
    MONOLITH,
    /** The extracted service answers (canary or service route). */
    SERVICE,
    /** The module answers; the service runs too, in dry-run where the call writes, and the answers are compared. */
    SHADOW
}
