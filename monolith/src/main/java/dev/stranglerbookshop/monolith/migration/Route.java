package dev.stranglerbookshop.monolith.migration;

import java.util.Locale;

/**
 * How a capability's calls are routed: {@code monolith} (in-process only), {@code shadow} (both run, the monolith
 * answers, the answers are compared), {@code canary:<percent>} (that share of callers, sticky per caller, go to the
 * service, falling back to the monolith on failure), {@code service} (the service only).
 */
public record Route(Mode mode, int canaryPercent) {

    public enum Mode { MONOLITH, SHADOW, CANARY, SERVICE }

    public static final Route MONOLITH = new Route(Mode.MONOLITH, 0);

    public Route {
        if (mode == Mode.CANARY && (canaryPercent < 0 || canaryPercent > 100)) {
            throw new IllegalArgumentException("a canary percentage is between 0 and 100");
        }
    }

    /** Parses {@code monolith}, {@code shadow}, {@code canary:25} or {@code service}. */
    public static Route parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("canary:")) {
            try {
                return new Route(Mode.CANARY, Integer.parseInt(value.substring("canary:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("canary needs a whole percentage, e.g. canary:25");
            }
        }
        return switch (value) {
            case "monolith" -> MONOLITH;
            case "shadow" -> new Route(Mode.SHADOW, 0);
            case "service" -> new Route(Mode.SERVICE, 0);
            default -> throw new IllegalArgumentException(
                    "'" + text + "' is not a route; use monolith, shadow, canary:<0-100> or service");
        };
    }

    public boolean leavesMonolith() {
        return mode != Mode.MONOLITH;
    }

    @Override
    public String toString() {
        return mode == Mode.CANARY ? "canary:" + canaryPercent : mode.name().toLowerCase(Locale.ROOT);
    }
}
