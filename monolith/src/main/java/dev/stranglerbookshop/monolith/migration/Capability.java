package dev.stranglerbookshop.monolith.migration;

import java.util.Arrays;
import java.util.Locale;

/** A capability the strangler router can send to an extracted service, and the first stage that service runs at. */
public enum Capability {
    AUTH(1), NOTIFICATIONS(2), SEARCH(3);

    private final int extractedAtStage;

    Capability(int extractedAtStage) {
        this.extractedAtStage = extractedAtStage;
    }

    public int extractedAtStage() {
        return extractedAtStage;
    }

    /** The name in flags, URLs and metrics: {@code auth}, {@code notifications}, {@code search}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The flagd flag that holds this capability's route. */
    String flagKey() {
        return "route-" + key();
    }

    public static Capability parse(String key) {
        return Arrays.stream(values()).filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown capability '" + key + "'"));
    }
}
