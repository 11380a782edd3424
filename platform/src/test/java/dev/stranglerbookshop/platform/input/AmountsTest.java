package dev.stranglerbookshop.platform.input;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Amounts: every euro amount 0..99,999,999.99 written plainly passes; every other text is refused, cheaply. */
class AmountsTest {

    @Property
    void everyAmountInRangeWrittenPlainlyParsesToItself(
            @ForAll @BigRange(min = "0", max = "99999999.99") @Scale(2) BigDecimal amount) {
        assertThat(Amounts.parse("price", amount.toPlainString())).contains(amount);
        assertThat(amount).isLessThanOrEqualTo(Amounts.MAX);
    }

    @Property
    void anythingElseIsRefusedNamingTheField(@ForAll("notAnAmount") String text) {
        assertThatThrownBy(() -> Amounts.parse("minPrice", text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minPrice: " + Amounts.RULE);
    }

    @Example
    void hostileExponentsAreRefusedBeforeAnyNumberIsBuilt() {
        long start = System.nanoTime();
        for (String text : new String[] {"1e-20000000", "1E999999999", "9".repeat(100_000)}) {
            assertThatThrownBy(() -> Amounts.parse("maxPrice", text)).hasMessageContaining("maxPrice: ");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no work proportional to the exponent")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(Amounts.parse("minPrice", null)).isEmpty();
        assertThat(Amounts.parse("minPrice", "")).isEmpty();
    }

    @Provide
    Arbitrary<String> notAnAmount() {
        return Arbitraries.oneOf(
                Arbitraries.of("-0", "-1", "+5", "1e3", "1E3", "0x10", "NaN", "Infinity", "5,00", "1 000", ".5", "5.",
                        "5.555", "١٢", "١٢.٥٠", "５", "100000000", "0.001", " 5", "5 ", "5\u0000", "1_000"),
                Arbitraries.strings().withChars("0123456789.eE+-").ofMinLength(1).ofMaxLength(14)
                        .filter(t -> !t.matches("[0-9]{1,8}(\\.[0-9]{1,2})?")));
    }
}
