package dev.stranglerbookshop.deploy;

import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * docker-compose.yml as Compose reads it for one invocation: variables interpolated from an env file (.env or
 * --env-file) and the shell, then the services the active profiles leave, as {@code docker compose config} prints it.
 * No Docker engine (nor Compose) runs where the checks run, so this follows the compose spec's rules itself.
 */
final class ComposeFile {

    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private final Map<String, Object> model;
    private final Map<String, String> variables;

    private ComposeFile(Map<String, Object> model, Map<String, String> variables) {
        this.model = model;
        this.variables = variables;
    }

    /** {@code envFile} is .env or the --env-file; {@code shell} wins over it, as in Compose. */
    static ComposeFile resolve(String envFile, Map<String, String> shell) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Repository.read(envFile).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            String key = trimmed.substring(0, eq);
            // An env file's values are interpolated too, looking in the shell first, then in the file's earlier lines.
            Map<String, String> lookup = new LinkedHashMap<>(variables);
            lookup.putAll(shell);
            variables.put(key, interpolate(trimmed.substring(eq + 1), lookup, envFile));
        }
        variables.putAll(shell);
        Map<String, Object> raw = new Yaml().load(Repository.read("docker-compose.yml"));
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) interpolateAll(raw, variables);
        return new ComposeFile(model, variables).withActiveProfiles();
    }

    Map<String, Object> model() {
        return model;
    }

    Map<String, String> variables() {
        return variables;
    }

    Set<String> services() {
        return services(model).keySet();
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = cast(services(model).get(name));
        if (service == null) {
            throw new AssertionError("docker-compose.yml has no service " + name + " at this stage");
        }
        return service;
    }

    /** The container's environment; a blank value counts as unset (the services treat it so). */
    Map<String, String> environment(String name) {
        Map<String, String> env = new TreeMap<>();
        Object declared = service(name).get("environment");
        if (declared instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (declared instanceof List<?> list) {
            list.forEach(entry -> {
                String[] pair = String.valueOf(entry).split("=", 2);
                env.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        }
        env.values().removeIf(String::isBlank);
        return env;
    }

    private ComposeFile withActiveProfiles() {
        Set<String> active = Arrays.stream(variables.getOrDefault("COMPOSE_PROFILES", "").split(","))
                .map(String::strip).filter(p -> !p.isEmpty()).collect(Collectors.toSet());
        services(model).values().removeIf(service -> {
            List<?> profiles = (List<?>) ((Map<?, ?>) service).get("profiles");
            return profiles != null && profiles.stream().noneMatch(active::contains);
        });
        return this;
    }

    private static Map<String, Object> services(Map<String, Object> model) {
        return cast(model.get("services"));
    }

    private static Object interpolateAll(Object node, Map<String, String> variables) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), interpolateAll(v, variables)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(interpolateAll(v, variables)));
            return copy;
        }
        return node instanceof String text ? interpolate(text, variables, "docker-compose.yml") : node;
    }

    static String interpolate(String text, Map<String, String> variables, String where) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else {
                String name = m.group(1) != null ? m.group(1) : m.group(4);
                String value = variables.get(name);
                String operator = m.group(2);
                boolean missing = operator != null && operator.startsWith(":")
                        ? value == null || value.isEmpty() : value == null;
                if (operator != null && operator.endsWith("-")) {
                    replacement = missing ? m.group(3) : value;
                } else if (missing) {
                    // Compose would warn and use "" (or stop, with "?"): here it is a mistake in any case.
                    throw new AssertionError(where + ": variable " + name + " is not set in '" + text + "'");
                } else {
                    replacement = value;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
