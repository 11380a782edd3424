package dev.stranglerbookshop.platform.stage;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The migration steps. Every stage runs the same code; configuration picks which one a deployment is at, and every
 * span and metric carries it ({@code migration.stage}) so dashboards compare stages side by side.
 */
public enum Stage {
    MODULAR_MONOLITH(0, "modular-monolith"),
    AUTH_EXTRACTED(1, "auth-extracted"),
    NOTIFICATIONS_EXTRACTED(2, "notifications-extracted"),
    SEARCH_EXTRACTED(3, "search-extracted"),
    DATABASES_SPLIT(4, "databases-split");

    private final int number;
    private final String label;

    Stage(int number, String label) {
        this.number = number;
        this.label = label;
    }

    public int number() {
        return number;
    }

    public String label() {
        return label;
    }

    /** Accepts the number ({@code 2}) or the name ({@code notifications-extracted}). */
    public static Stage parse(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Stage stage : values()) {
            if (String.valueOf(stage.number).equals(wanted) || stage.label.equals(wanted)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("Unknown migration stage '" + value + "'; expected one of "
                + Arrays.stream(values()).map(s -> s.number + " (" + s.label + ")").collect(Collectors.joining(", ")));
    }
}
