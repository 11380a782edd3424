package dev.stranglerbookshop.platform.input;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an amount of money may be, wherever one comes in as text (a query parameter, a gRPC {@code Money.amount}):
 * euros written with ASCII digits, at most 8 before the point and 2 after it, so 0 to 99,999,999.99 EUR, the range
 * of the catalog's {@code numeric(10,2)} prices. No sign, no exponent, no grouping, no other digits: {@code 12},
 * {@code 12.5} and {@code 12.50} are amounts; {@code -0}, {@code 1e3}, {@code 1E999999999}, {@code ١٢} are not. The
 * form is checked before any number is built, so a hostile exponent costs nothing.
 */
public final class Amounts {

    /** The largest amount: numeric(10,2). */
    public static final BigDecimal MAX = new BigDecimal("99999999.99");

    /** The message a refused field gets, after its name. */
    public static final String RULE = "must be an amount in EUR from 0 to 99999999.99 with at most two decimals, e.g. 12.50";

    /** The form, as a regular expression (also the OpenAPI pattern of amount parameters). */
    public static final String PATTERN = "^[0-9]{1,8}(\\.[0-9]{1,2})?$";

    private static final Pattern AMOUNT = Pattern.compile(PATTERN);

    private Amounts() {
    }

    /**
     * @param field names the input in the error
     * @param text  the amount as sent; null or empty means "none"
     * @return the amount, or empty when none was sent
     * @throws IllegalArgumentException {@code "<field>: <rule>"} for anything else
     */
    public static Optional<BigDecimal> parse(String field, String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (!AMOUNT.matcher(text).matches()) {
            throw new IllegalArgumentException(field + ": " + RULE);
        }
        return Optional.of(new BigDecimal(text));
    }
}
