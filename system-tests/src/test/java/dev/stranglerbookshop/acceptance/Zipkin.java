package dev.stranglerbookshop.acceptance;

import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** Reads traces back from the suite's Zipkin (stage 1 on), as an operator would see them. */
final class Zipkin {

    private Zipkin() {
    }

    /** The first trace with a span {@code spanName} of {@code serviceName}, newer than {@code sinceMicros}, that fits. */
    static Optional<List<Map<String, Object>>> trace(String serviceName, String spanName, long sinceMicros,
            Predicate<List<Map<String, Object>>> fits) {
        List<List<Map<String, Object>>> traces = JsonPath.from(given().baseUri(SystemUnderTest.zipkinUrl())
                .queryParam("serviceName", serviceName).queryParam("spanName", spanName)
                .queryParam("limit", 50).get("/api/v2/traces").then().statusCode(200).extract().asString())
                .getList("$");
        return traces.stream()
                .filter(t -> t.stream().allMatch(s -> ((Number) s.get("timestamp")).longValue() >= sinceMicros))
                .filter(fits)
                .findFirst();
    }

    /** Whether the trace holds a span of that name from that service (any kind). */
    static boolean has(List<Map<String, Object>> trace, String service, String name) {
        return trace.stream().anyMatch(s -> service.equals(service(s)) && name.equals(s.get("name")));
    }

    /** {@code kind} null: an internal span (Zipkin gives those no kind). */
    static Map<String, Object> span(List<Map<String, Object>> trace, String service, String kind, String name) {
        return trace.stream().filter(s -> service.equals(service(s)) && java.util.Objects.equals(kind, s.get("kind"))
                        && name.equals(s.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " span '" + name + "' of " + service + " in "
                        + trace.stream().map(s -> service(s) + ":" + s.get("kind") + ":" + s.get("name")).toList()));
    }

    static boolean descendsFrom(Map<String, Object> span, Map<String, Object> ancestor,
            List<Map<String, Object>> trace) {
        Object parent = span.get("parentId");
        while (parent != null) {
            if (parent.equals(ancestor.get("id"))) {
                return true;
            }
            Object current = parent;
            parent = trace.stream().filter(s -> current.equals(s.get("id"))).findFirst()
                    .map(s -> s.get("parentId")).orElse(null);
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    static String service(Map<String, Object> span) {
        return (String) ((Map<String, Object>) span.get("localEndpoint")).get("serviceName");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tags(Map<String, Object> span) {
        return (Map<String, Object>) span.getOrDefault("tags", Map.of());
    }
}
