package dev.stranglerbookshop.monolith.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stranglerbookshop.topology.Capability;
import dev.stranglerbookshop.topology.DataAccess;
import dev.stranglerbookshop.topology.Route;
import dev.stranglerbookshop.topology.ServiceSpec;
import dev.stranglerbookshop.topology.Stage;
import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The migration panel's model: the stage plan's picture of the system (services, where each capability goes, which
 * database each reads and writes) and the admin API's live figures ({@code GET /api/admin/migration/activity}).
 * Nothing here is written per stage: a new stage in the plan draws itself.
 */
public final class Panel {

    static final int WIDTH = 760;
    private static final int ROW = 100;
    private static final int BOX_WIDTH = 250;
    private static final int SERVICE_X = WIDTH - 20 - BOX_WIDTH;

    private Panel() {
    }

    /** The whole panel at one moment. */
    @TemplateData
    public record View(int stage, String stageLabel, String summary, Picture picture, List<Section> sections,
            Outbox outbox, String demoTraffic) {
    }

    /** One capability: its route, what may be chosen, and its figures. */
    @TemplateData
    public record Section(String key, String route, String mode, int percent, boolean extracted, int extractedAt,
            boolean canary, String whyNoCanary, Figures figures) {
    }

    /** One capability's figures since this monolith process started (counts), and its last calls. */
    @TemplateData
    public record Figures(String key, long monolith, long service, long shadow, long match, long mismatch,
            long error, long fallbacks, String breaker, List<Mismatch> mismatches, List<Call> calls) {
    }

    /** A shadow mismatch: which fields differed, shortened by the API; {@code clock} is {@code at} as HH:mm:ss UTC. */
    @TemplateData
    public record Mismatch(String at, String clock, String operation, String differences, String traceLink) {
    }

    /** One strangled call: where it went, and its trace in the trace UI (null without a trace id). */
    @TemplateData
    public record Call(String at, String clock, String operation, String side, boolean fallback, String traceLink) {
    }

    /** The monolith's outbox: events not yet on Kafka, and the age of the oldest (seconds). */
    @TemplateData
    public record Outbox(boolean enabled, long pending, String oldestAge) {
    }

    /** The picture: boxes (deployables with their data) and arrows (capabilities with their routes). */
    @TemplateData
    public record Picture(int width, int height, List<Box> boxes, List<Arrow> arrows, List<Row> rows) {
    }

    /** A deployable; {@code dataLines} is where its data lives, cut to fit the box. */
    @TemplateData
    public record Box(int x, int y, int width, int height, String name, String role, List<String> dataLines,
            boolean running) {

        public String firstLine() {
            return dataLines.get(0);
        }

        /** "" when the data fits on one line. */
        public String secondLine() {
            return dataLines.size() > 1 ? dataLines.get(1) : "";
        }
    }

    /**
     * @param style {@code in-process} (the route stays in the monolith), {@code service}, {@code canary} or
     *              {@code shadow}: drawn differently
     */
    @TemplateData
    public record Arrow(int x1, int y1, int x2, int y2, String label, String style) {
    }

    /** The picture as a table row, for screen readers and text browsers. */
    @TemplateData
    public record Row(String capability, String route, String servedBy, String data) {
    }

    /**
     * @param activity the admin API's activity answer
     * @param trace    the trace UI's address of a trace, {@code {traceId}} standing for the id
     */
    static View of(Stage stage, JsonNode activity, String trace, String demoTraffic) {
        List<Section> sections = new ArrayList<>();
        for (Capability capability : Capability.values()) {
            JsonNode node = activity.path("capabilities").path(capability.key());
            String route = node.path("route").asText(stage.route(capability).toString());
            Route parsed = Route.parse(route);
            sections.add(new Section(capability.key(), route, parsed.mode().name().toLowerCase(Locale.ROOT),
                    parsed.mode() == Route.Mode.CANARY ? parsed.canaryPercent() : 50, stage.extracted(capability),
                    capability.extractedAt(), capability.canary(), capability.canary() ? "" : capability.whyNoCanary(),
                    figures(capability.key(), node, trace)));
        }
        return new View(stage.number(), stage.label(), stage.summary(), picture(stage, sections),
                sections, outbox(activity.path("outbox")), demoTraffic);
    }

    static Figures figures(String key, JsonNode node, String trace) {
        List<Mismatch> mismatches = new ArrayList<>();
        for (JsonNode m : node.path("lastMismatches")) {
            List<String> differences = new ArrayList<>();
            m.path("differences").forEach(d -> differences.add(d.asText()));
            mismatches.add(new Mismatch(m.path("at").asText(), clock(m.path("at").asText()), m.path("operation").asText(),
                    String.join("; ", differences), link(trace, m.path("traceId").asText(""))));
        }
        List<Call> calls = new ArrayList<>();
        for (JsonNode c : node.path("recentCalls")) {
            calls.add(new Call(c.path("at").asText(), clock(c.path("at").asText()), c.path("operation").asText(),
                    c.path("side").asText(),
                    c.path("fallback").asBoolean(), link(trace, c.path("traceId").asText(""))));
        }
        JsonNode requests = node.path("requests");
        JsonNode shadow = node.path("shadow");
        return new Figures(key, requests.path("monolith").asLong(), requests.path("service").asLong(),
                requests.path("shadow").asLong(), shadow.path("match").asLong(), shadow.path("mismatch").asLong(),
                shadow.path("error").asLong(), node.path("fallbacks").asLong(), node.path("breaker").asText("none"),
                mismatches, calls);
    }

    static Outbox outbox(JsonNode node) {
        return new Outbox(node.path("enabled").asBoolean(false), node.path("pending").asLong(),
                String.format(Locale.ROOT, "%.1f", node.path("oldestPendingAgeSeconds").asDouble()));
    }

    /** HH:mm:ss (UTC) of an ISO-8601 instant; the text as given when it is none. */
    static String clock(String instant) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(java.time.ZoneOffset.UTC)
                    .format(java.time.Instant.parse(instant)) + " UTC";
        } catch (java.time.format.DateTimeParseException e) {
            return instant;
        }
    }

    /** A trace id is 32 lower-case hex digits; anything else gets no link (it would be a link to nowhere or worse). */
    static String link(String trace, String traceId) {
        return traceId.matches("[0-9a-f]{32}") && !traceId.matches("0{32}") ? trace.replace("{traceId}", traceId)
                : null;
    }

    private static Picture picture(Stage stage, List<Section> sections) {
        Capability[] capabilities = Capability.values();
        int height = 20 + capabilities.length * ROW;
        List<Box> boxes = new ArrayList<>();
        List<Arrow> arrows = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        boxes.add(new Box(20, 20, BOX_WIDTH, height - 40, ServiceSpec.MONOLITH.name(), "catalog · ordering · facade",
                lines(data(stage, ServiceSpec.MONOLITH)), true));
        for (int i = 0; i < capabilities.length; i++) {
            Capability capability = capabilities[i];
            Section section = sections.get(i);
            ServiceSpec service = capability.service();
            boolean running = stage.runs(service);
            int y = 20 + i * ROW;
            boxes.add(new Box(SERVICE_X, y, BOX_WIDTH, ROW - 20, service.name(), capability.key(),
                    lines(running ? data(stage, service) : "not extracted until stage " + capability.extractedAt()),
                    running));
            String style = switch (section.mode()) {
                case "monolith" -> "in-process";
                default -> section.mode();
            };
            arrows.add(new Arrow(20 + BOX_WIDTH, y + (ROW - 20) / 2, SERVICE_X, y + (ROW - 20) / 2,
                    capability.key() + ": " + section.route(), style));
            rows.add(new Row(capability.key(), section.route(), servedBy(section, service),
                    running ? data(stage, service) : "—"));
        }
        return new Picture(WIDTH, height, boxes, arrows, rows);
    }

    /** Two lines of at most about 36 characters (what a box holds at 11 px), cut after "as <role>:". */
    static List<String> lines(String text) {
        int cut = text.indexOf(": ");
        return cut < 0 ? List.of(text) : List.of(text.substring(0, cut + 1), text.substring(cut + 2));
    }

    private static String servedBy(Section section, ServiceSpec service) {
        return switch (section.mode()) {
            case "monolith" -> "the monolith's module";
            case "service" -> service.name();
            case "shadow" -> "the monolith's module (" + service.name() + " shadowed and compared)";
            default -> service.name() + " for " + section.percent() + " % of callers, the module for the rest";
        };
    }

    /**
     * Which database a deployable works on at this stage, and with which rights, and where data it is moving comes
     * from: from the stage plan.
     */
    static String data(Stage stage, ServiceSpec service) {
        DataAccess access = stage.dataAccess(service);
        String where = access.owns() ? "owns database " + access.database() : rights(access);
        return stage.legacyAccess(service).flatMap(legacy -> stage.move(service).map(move -> where
                + "; moving its data from " + rights(legacy) + " (phase " + move.phase() + ")")).orElse(where);
    }

    private static String rights(DataAccess access) {
        Map<String, DataAccess.Privilege> schemas = new TreeMap<>(access.schemas());
        List<String> rights = new ArrayList<>();
        schemas.forEach((schema, privilege) -> rights.add(schema + " "
                + (privilege == DataAccess.Privilege.READ ? "read-only" : "read-write")));
        return "database " + access.database() + " as " + access.role() + ": " + String.join(", ", rights);
    }
}
