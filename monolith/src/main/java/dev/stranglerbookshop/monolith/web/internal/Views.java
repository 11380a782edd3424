package dev.stranglerbookshop.monolith.web.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.qute.TemplateData;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the pages show, read from the public API's JSON (its contract), never from a module's classes. Unknown fields
 * are ignored: the API may add fields without breaking a page.
 */
public final class Views {

    private Views() {
    }

    /** "EUR 12.50": an amount as the shop prints it (two decimals, ISO 4217 code first). */
    static String money(String currency, BigDecimal amount) {
        return (currency == null ? "EUR" : currency) + " " + amount.setScale(2, java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }

    /** A book from the catalog ({@code stock}) or from search ({@code inStock}). */
    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Book(UUID id, String isbn, String title, List<String> authors, String description, BigDecimal price,
            String currency, Integer stock, Boolean inStock) {

        public String authorsText() {
            return authors == null ? "" : String.join(", ", authors);
        }

        public String priceText() {
            return price == null ? "" : money(currency, price);
        }

        public boolean available() {
            return stock != null ? stock > 0 : Boolean.TRUE.equals(inStock);
        }
    }

    /** One page of a list, as the API pages it (0-based). */
    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Listing<T>(List<T> items, int page, int size, long total) {

        public boolean hasPrevious() {
            return page > 0;
        }

        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }

        /** 1-based, for people. */
        public int number() {
            return page + 1;
        }

        public long pages() {
            return Math.max(1, (total + size - 1) / size);
        }
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OrderLine(UUID bookId, String title, int quantity, BigDecimal unitPrice) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Order(UUID id, String status, List<OrderLine> items, BigDecimal total, String currency, Instant createdAt) {

        public String totalText() {
            return money(currency, total);
        }

        /** Only a placed order may be cancelled (the API answers 409 otherwise). */
        public boolean cancellable() {
            return "PLACED".equals(status);
        }

        public String shortId() {
            return id.toString().substring(0, 8);
        }
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(UUID id, String kind, String subject, String body, Instant createdAt) {
    }

    /**
     * A form as the visitor sent it, and what was wrong with it.
     *
     * @param values the fields as typed (passwords never kept)
     * @param errors per field name, the API's message
     */
    @TemplateData
    public record Form(Map<String, String> values, Map<String, String> errors) {

        static final Form EMPTY = new Form(Map.of(), Map.of());

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.get(field);
        }

        public boolean invalid(String field) {
            return errors.containsKey(field);
        }
    }

    /**
     * What every page shows around its content: who is signed in, the stage, a notice or an alert.
     *
     * @param notice a success line (role=status); null for none
     * @param alert  an error without a field (role=alert); null for none
     * @param csrf   the CSRF token the page's forms carry; null when the request has none (a refused form's page then
     *               shows no form)
     */
    @TemplateData
    public record Chrome(Visitor visitor, String notice, String alert, int stage, String stageLabel, String csrf) {
    }
}
