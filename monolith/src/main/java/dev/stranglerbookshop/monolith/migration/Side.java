package dev.stranglerbookshop.monolith.migration;

import java.util.Locale;

/** Where one call goes. */
public enum Side {
    /** The in-process module answers. */
    MONOLITH,
    /** The extracted service answers (canary or service route). */
    SERVICE,
    /** The module answers; the service runs too, in dry-run where the call writes, and the answers are compared. */
    SHADOW;

    private final String key = name().toLowerCase(Locale.ROOT);

    /** @return the name in metrics, spans and JSON: {@code monolith}, {@code service} or {@code shadow} */
    public String key() {
        return key;
    }
}
