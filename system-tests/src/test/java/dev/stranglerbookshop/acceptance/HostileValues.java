package dev.stranglerbookshop.acceptance;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library of hostile values {@link HostileInputIT} sends: what people running systems like this one have seen
 * break PostgreSQL, parsers and full-text search, each as a jqwik generator with its edge cases.
 */
final class HostileValues {

    /** A JSON null inside an immutable map literal. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[]+)(?:\\[(\\d+)])?");

    private HostileValues() {
    }

    /** Text no field may hold, or text that only looks harmless. */
    static Arbitrary<String> text(int maxLength) {
        Arbitrary<String> controls = Arbitraries.strings().withCharRange('\u0000', '\u001F').withChars('\u007F',
                '\u0085', '\u009B').ofMinLength(1).ofMaxLength(3).map(c -> "a" + c + "b");
        Arbitrary<String> surrogates = Arbitraries.chars().range('\uD800', '\uDFFF').map(c -> "x" + c + "y");
        Arbitrary<String> bidi = Arbitraries.of("\u202E", "\u202D", "\u202A", "\u2066", "\u2067", "\u2068", "\u2069")
                .map(b -> "abc" + b + "def");
        Arbitrary<String> digits = Arbitraries.of("\u0661\u0662", "\u06F1\u06F2", "\uFF11\uFF12", "\u0967\u0968");
        Arbitrary<String> numbers = Arbitraries.of("1e999999999", "1E-20000000", "-0", "-0.00", "NaN", "Infinity",
                "-1", "0x10", "1_000", "1,5", "99999999999999999999999", "0.001", "+5");
        Arbitrary<String> meta = Arbitraries.of("' OR 1=1 --", "a & !b | (c:*", "\\", "%", "_", "%00", ":*", "!!!",
                "(((", "'; DROP TABLE catalog.books; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
                "{{7*7}}", "../../etc/passwd", "", " ", "\u00A0", "\uFEFF", "e\u0301", "\uD83D\uDCA9");
        Arbitrary<String> long_ = Arbitraries.integers().between(257, maxLength).map("x"::repeat);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, controls), net.jqwik.api.Tuple.of(2, surrogates),
                net.jqwik.api.Tuple.of(2, bidi), net.jqwik.api.Tuple.of(1, digits),
                net.jqwik.api.Tuple.of(2, numbers), net.jqwik.api.Tuple.of(3, meta),
                net.jqwik.api.Tuple.of(1, long_));
    }

    /** For a JSON field: hostile text up to 1 MiB, or the wrong JSON type, or nesting deeper than any parser allows. */
    static Arbitrary<Object> json() {
        Arbitrary<Object> types = Arbitraries.of(0, -1, 1.5, 1e308, -0.0, Long.MAX_VALUE, true, false, List.of(),
                List.of("a"), Map.of(), Map.of("$gt", ""), NULL);
        // Past the parsers' nesting limit (Jackson: 1,000).
        Arbitrary<Object> nested = Arbitraries.integers().between(1_001, 5_000).map(Nested::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, text(1 << 20).map(t -> (Object) t)),
                net.jqwik.api.Tuple.of(3, types), net.jqwik.api.Tuple.of(1, nested));
    }

    /** For a query or path parameter: hostile text short enough for a request line (4 KiB). */
    static Arbitrary<String> parameter() {
        return text(1_000);
    }

    /** A copy of {@code body} with the field at {@code path} ({@code items[0].quantity}) set to {@code value}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> with(Map<String, Object> body, String path, Object value) {
        Object replacement = value == NULL ? null : value;
        Object node = body;
        String[] segments = path.split("\\.");
        for (int i = 0; i < segments.length; i++) {
            Matcher segment = SEGMENT.matcher(segments[i]);
            if (!segment.matches()) {
                throw new IllegalArgumentException(path);
            }
            Map<String, Object> object = (Map<String, Object>) node;
            boolean last = i == segments.length - 1;
            if (segment.group(2) == null) {
                if (last) {
                    object.put(segment.group(1), replacement);
                } else {
                    node = object.get(segment.group(1));
                }
            } else {
                List<Object> list = new ArrayList<>((List<Object>) object.get(segment.group(1)));
                object.put(segment.group(1), list);
                int index = Integer.parseInt(segment.group(2));
                if (last) {
                    list.set(index, replacement);
                } else {
                    Map<String, Object> element = new LinkedHashMap<>((Map<String, Object>) list.get(index));
                    list.set(index, element);
                    node = element;
                }
            }
        }
        return body;
    }

    /** For messages: control and non-ASCII characters as escapes, long values by their length. */
    static String describe(Object value) {
        String text = String.valueOf(value);
        if (text.length() > 80) {
            return text.substring(0, 20) + "... (" + text.length() + " chars)";
        }
        return value instanceof String ? "\"" + Api.escaped(text) + "\"" : Api.escaped(text);
    }

    /**
     * Arrays nested {@code depth} deep, written as raw JSON text (see {@link HostileInputIT}'s mapper): building and
     * serializing them as lists would overflow the client's own stack first.
     */
    record Nested(int depth) {
        String json() {
            return "[".repeat(depth) + "\"deep\"" + "]".repeat(depth);
        }

        @Override
        public String toString() {
            return "arrays nested " + depth + " deep";
        }
    }
}
