package dev.stranglerbookshop.platform.input;

import java.util.Optional;

/**
 * What text the services accept, anywhere: JSON strings and keys, query and path parameters, gRPC string fields.
 * Refused: NUL and the other C0 control characters except tab, line feed and carriage return; DEL and the C1 controls;
 * unpaired UTF-16 surrogates (not text: UTF-8 cannot encode them); and the Unicode bidirectional embedding, override
 * and isolate controls (U+202A-U+202E, U+2066-U+2069), which make text display other than it reads ("Trojan Source",
 * CVE-2021-42574). PostgreSQL cannot store NUL in text at all (its error would be a 500); the rest is refused so that
 * what is stored shows as what was typed. Everything else, including every script and emoji, is accepted.
 */
public final class TextPolicy {

    /** The message a refused field gets, after its name. */
    public static final String RULE = "must not contain control characters, unpaired surrogates or bidirectional "
            + "override characters";

    private TextPolicy() {
    }

    /** Whether {@code text} keeps to the policy (null is not text and passes: presence is another rule). */
    public static boolean accepts(String text) {
        return firstRefused(text) < 0;
    }

    /** The index of the first refused character, or -1. */
    public static int firstRefused(String text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return i;
                }
            } else if (c >= 0x7F && c <= 0x9F) {
                return i;
            } else if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                return i;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return i;
                }
                i++; // a pair: one supplementary character
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code "<field>: <rule>"} when {@code text} breaks the policy. */
    public static Optional<String> violation(String field, String text) {
        return accepts(text) ? Optional.empty() : Optional.of(field + ": " + RULE);
    }
}
