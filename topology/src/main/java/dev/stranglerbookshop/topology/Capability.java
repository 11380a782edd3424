package dev.stranglerbookshop.topology;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A capability the strangler router can send to an extracted service. Which service serves it is fixed here; from
 * which stage on, and with which default route, the {@link StagePlan} says.
 */
public enum Capability {
    AUTH(ServiceSpec.AUTH_SERVICE, null),
    /**
     * No canary: a user's mails are recorded where they were sent, so a split (or a ramp moving a user, or a fallback
     * while the service is down) would show an inbox missing some of them. Shadow compares the two sides first; then
     * the whole capability moves.
     */
    NOTIFICATIONS(ServiceSpec.NOTIFICATION_SERVICE, "a user's inbox holds the mails of one side only, so a split, a "
            + "ramp or a fallback would show an incomplete inbox; compare with shadow, then move it to service"),
    SEARCH(ServiceSpec.SEARCH_SERVICE, null);

    private final ServiceSpec service;
    private final String noCanary;

    Capability(ServiceSpec service, String noCanary) {
        this.service = service;
        this.noCanary = noCanary;
    }

    /** Whether a {@code canary:N} route may split it between the monolith and its service. */
    public boolean canary() {
        return noCanary == null;
    }

    /** Why it takes no canary, for the error an operator sees; null when it does. */
    public String whyNoCanary() {
        return noCanary;
    }

    /** The name in routes, URLs, metrics and environment variables: {@code auth}, {@code notifications}, {@code search}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The extracted service that serves it off the monolith. */
    public ServiceSpec service() {
        return service;
    }

    /** The first stage at which its service runs (before that, only the monolith can serve it). */
    public int extractedAt() {
        return StagePlan.STAGES.stream().filter(s -> s.runs(service)).mapToInt(Stage::number).min()
                .orElse(Integer.MAX_VALUE);
    }

    /** @throws IllegalArgumentException for a key that names no capability (listing the valid ones) */
    public static Capability parse(String key) {
        return Arrays.stream(values()).filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown capability '" + key + "'; expected one of "
                        + Arrays.stream(values()).map(Capability::key).collect(Collectors.joining(", "))));
    }
}
