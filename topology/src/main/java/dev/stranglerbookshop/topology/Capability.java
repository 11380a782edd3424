package dev.stranglerbookshop.topology;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A capability the strangler router can send to an extracted service. Which service serves it is fixed here; from
 * which stage on, and with which default route, the {@link StagePlan} says.
 */
public enum Capability {
    AUTH(ServiceSpec.AUTH_SERVICE),
    NOTIFICATIONS(ServiceSpec.NOTIFICATION_SERVICE),
    SEARCH(ServiceSpec.SEARCH_SERVICE);

    private final ServiceSpec service;

    Capability(ServiceSpec service) {
        this.service = service;
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
