package dev.stranglerbookshop.topology;

import java.util.Locale;

/**
 * How a capability's calls are routed: {@code monolith} (in-process only), {@code shadow} (both run, the monolith
 * answers, the answers are compared), {@code canary:<percent>} (that share of callers, sticky per caller, go to the
 * service, falling back to the monolith on failure), {@code service} (the service only; 503 when it cannot answer).
 * The grammar is the same in the admin API, {@code BOOKSHOP_MIGRATION_ROUTES_<CAPABILITY>} and the stage files.
 *
 * @param mode          where calls go
 * @param canaryPercent the share of callers sent to the service, 0..100 (only for {@link Mode#CANARY}, else 0)
 */
public record Route(Mode mode, int canaryPercent) {

    /** The four steps of the strangler-fig playbook, in the order a capability usually takes them. */
    public enum Mode { MONOLITH, SHADOW, CANARY, SERVICE }

    public static final Route MONOLITH = new Route(Mode.MONOLITH, 0);
    public static final Route SHADOW = new Route(Mode.SHADOW, 0);
    public static final Route SERVICE = new Route(Mode.SERVICE, 0);

    public Route {
        if (mode == Mode.CANARY && (canaryPercent < 0 || canaryPercent > 100)) {
            throw new IllegalArgumentException("a canary percentage is between 0 and 100");
        }
        if (mode != Mode.CANARY && canaryPercent != 0) {
            throw new IllegalArgumentException("only a canary has a percentage");
        }
    }

    public static Route canary(int percent) {
        return new Route(Mode.CANARY, percent);
    }

    /**
     * Parses {@code monolith}, {@code shadow}, {@code canary:25} or {@code service} (case and surrounding blanks
     * ignored).
     *
     * @throws IllegalArgumentException naming the accepted forms, for anything else
     */
    public static Route parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("canary:")) {
            String percent = value.substring("canary:".length());
            // Digits only: Integer.parseInt would also take "+25" and non-ASCII digits.
            if (!percent.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("canary needs a whole percentage 0-100, e.g. canary:25");
            }
            return canary(Integer.parseInt(percent));
        }
        return switch (value) {
            case "monolith" -> MONOLITH;
            case "shadow" -> SHADOW;
            case "service" -> SERVICE;
            default -> throw new IllegalArgumentException(
                    "'" + text + "' is not a route; use monolith, shadow, canary:<0-100> or service");
        };
    }

    /** Whether any call may reach the extracted service. */
    public boolean leavesMonolith() {
        return mode != Mode.MONOLITH;
    }

    @Override
    public String toString() {
        return mode == Mode.CANARY ? "canary:" + canaryPercent : mode.name().toLowerCase(Locale.ROOT);
    }
}
