package dev.stranglerbookshop.monolith.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.EnumMap;
import java.util.Map;

/**
 * Routes as a flagd flag definition file, and back. One string flag per capability ({@code route-auth}...) whose
 * value says where a call goes; a canary is flagd's {@code fractional} targeting on the caller's key, so the same
 * caller always lands on the same side.
 */
final class FlagsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FlagsFile() {
    }

    static String write(Map<Capability, Route> routes) {
        ObjectNode flags = JSON.createObjectNode();
        routes.forEach((capability, route) -> {
            ObjectNode flag = flags.putObject(capability.flagKey());
            flag.put("state", "ENABLED");
            ObjectNode variants = flag.putObject("variants");
            for (String variant : new String[] {"monolith", "shadow", "service"}) {
                variants.put(variant, variant);
            }
            switch (route.mode()) {
                case MONOLITH -> flag.put("defaultVariant", "monolith");
                case SHADOW -> flag.put("defaultVariant", "shadow");
                case SERVICE -> flag.put("defaultVariant", "service");
                case CANARY -> {
                    flag.put("defaultVariant", "monolith");
                    ArrayNode fractional = flag.putObject("targeting").putArray("fractional");
                    fractional.addArray().add("service").add(route.canaryPercent());
                    fractional.addArray().add("monolith").add(100 - route.canaryPercent());
                }
            }
        });
        ObjectNode file = JSON.createObjectNode();
        file.put("$schema", "https://flagd.dev/schema/v0/flags.json");
        file.set("flags", flags);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the routes back from a file in the shape {@link #write} produces (a stage's defaults). */
    static Map<Capability, Route> read(String content) {
        Map<Capability, Route> routes = new EnumMap<>(Capability.class);
        for (Capability capability : Capability.values()) {
            routes.put(capability, Route.MONOLITH);
        }
        try {
            JsonNode flags = JSON.readTree(content).path("flags");
            for (Capability capability : Capability.values()) {
                JsonNode flag = flags.path(capability.flagKey());
                if (flag.isMissingNode()) {
                    continue;
                }
                JsonNode fractional = flag.path("targeting").path("fractional");
                if (fractional.isArray()) {
                    for (JsonNode bucket : fractional) {
                        if ("service".equals(bucket.path(0).asText())) {
                            routes.put(capability, Route.parse("canary:" + bucket.path(1).asInt()));
                        }
                    }
                } else {
                    routes.put(capability, Route.parse(flag.path("defaultVariant").asText()));
                }
            }
            return routes;
        } catch (Exception e) {
            throw new IllegalStateException("Not a routes flag file: " + e.getMessage(), e);
        }
    }
}
