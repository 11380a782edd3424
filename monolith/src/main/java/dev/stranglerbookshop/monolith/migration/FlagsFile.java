package dev.stranglerbookshop.monolith.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.Route;

import java.util.Map;

/**
 * Routes as a flagd flag definition file. One string flag per capability ({@code route-auth}...) whose value says
 * where a call goes; a canary is flagd's {@code fractional} targeting on the caller's key, so the same caller always
 * lands on the same side.
 */
final class FlagsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FlagsFile() {
    }

    /** The flagd flag that holds a capability's route. */
    static String flagKey(Capability capability) {
        return "route-" + capability.key();
    }

    static String write(Map<Capability, Route> routes) {
        ObjectNode flags = JSON.createObjectNode();
        routes.forEach((capability, route) -> {
            ObjectNode flag = flags.putObject(flagKey(capability));
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
}
