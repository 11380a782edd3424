package dev.stranglerbookshop.platform.input;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/** The text policy over the whole of UTF-16: what it refuses, where it finds it, and that it refuses nothing else. */
class TextPolicyTest {

    @Property
    void acceptsEveryTextMadeOfAllowedCharacters(@ForAll("allowedText") String text) {
        assertThat(TextPolicy.accepts(text)).isTrue();
        assertThat(TextPolicy.firstRefused(text)).isEqualTo(-1);
    }

    @Property
    void findsARefusedCharacterWhereverItIs(@ForAll("allowedText") String before, @ForAll("refused") char refused,
            @ForAll("allowedText") String after) {
        String text = before + refused + after;
        assertThat(TextPolicy.accepts(text)).isFalse();
        assertThat(TextPolicy.firstRefused(text)).isEqualTo(before.length());
        assertThat(TextPolicy.violation("name", text)).contains("name: " + TextPolicy.RULE);
    }

    @Property
    void refusesAnUnpairedSurrogateButAcceptsAPair(@ForAll("allowedText") String text,
            @ForAll @IntRange(min = 0x10000, max = 0x10FFFF) int supplementary) {
        String pair = new String(Character.toChars(supplementary));
        assertThat(TextPolicy.accepts(text + pair)).isTrue();
        assertThat(TextPolicy.accepts(text + pair.charAt(0))).isFalse();
        assertThat(TextPolicy.accepts(pair.charAt(1) + text)).isFalse();
        assertThat(TextPolicy.accepts(text + pair.charAt(1) + pair.charAt(0))).isFalse();
    }

    @Example
    void keepsTabsNewlinesScriptsAndEmoji() {
        assertThat(TextPolicy.accepts("Line one\nline\ttwo\r\n")).isTrue();
        assertThat(TextPolicy.accepts("Достоевский, 東京, العربية, café, 😀")).isTrue();
        assertThat(TextPolicy.accepts(null)).isTrue();
        assertThat(TextPolicy.accepts("")).isTrue();
    }

    @Provide
    Arbitrary<Character> refused() {
        return Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u0008'), Arbitraries.chars().range('\u000B', '\u000C'),
                Arbitraries.chars().range('\u000E', '\u001F'), Arbitraries.chars().range('\u007F', '\u009F'),
                Arbitraries.chars().range('\u202A', '\u202E'), Arbitraries.chars().range('\u2066', '\u2069'));
    }

    @Provide
    Arbitrary<String> allowedText() {
        return Arbitraries.strings().all().ofMaxLength(60).map(TextPolicyTest::withoutRefused);
    }

    /** Drops refused characters and unpaired surrogates, keeping everything else in order. */
    private static String withoutRefused(String text) {
        StringBuilder kept = new StringBuilder();
        text.codePoints().filter(c -> !(c >= 0xD800 && c <= 0xDFFF))
                .forEach(c -> {
                    String one = new String(Character.toChars(c));
                    if (TextPolicy.accepts(one)) {
                        kept.append(one);
                    }
                });
        return kept.toString();
    }
}
