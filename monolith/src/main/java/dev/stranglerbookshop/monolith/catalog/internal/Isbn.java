package dev.stranglerbookshop.monolith.catalog.internal;

/** ISBN-10 and ISBN-13 check digits; books are stored under their normalised ISBN-13. */
final class Isbn {

    private Isbn() {
    }

    /** Strips hyphens and spaces; upper-cases the ISBN-10 check character X. */
    static String compact(String raw) {
        return raw == null ? "" : raw.replaceAll("[\\s-]", "").toUpperCase();
    }

    static boolean isValid(String raw) {
        String isbn = compact(raw);
        return isbn.length() == 10 ? valid10(isbn) : isbn.length() == 13 && valid13(isbn);
    }

    /** The ISBN-13 form of a valid ISBN-10 or ISBN-13. */
    static String toIsbn13(String raw) {
        String isbn = compact(raw);
        if (isbn.length() == 13) {
            return isbn;
        }
        String body = "978" + isbn.substring(0, 9);
        return body + checkDigit13(body);
    }

    static char checkDigit13(String first12) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (first12.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    private static boolean valid13(String isbn) {
        return isbn.chars().allMatch(Character::isDigit) && checkDigit13(isbn.substring(0, 12)) == isbn.charAt(12);
    }

    private static boolean valid10(String isbn) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = isbn.charAt(i);
            int value;
            if (Character.isDigit(c)) {
                value = c - '0';
            } else if (c == 'X' && i == 9) {
                value = 10;
            } else {
                return false;
            }
            sum += value * (10 - i);
        }
        return sum % 11 == 0;
    }
}
