package dev.stranglerbookshop.monolith.web.internal;

/**
 * Who is looking at a page, from a verified session token.
 *
 * @param name  the display name ({@code name} claim), or the e-mail when the token has none
 * @param email the account's e-mail ({@code upn})
 * @param admin whether the token carries the {@code admin} group
 * @param token the bearer token the pages forward to the API; null when signed out
 */
public record Visitor(String name, String email, boolean admin, String token) {

    public static final Visitor ANONYMOUS = new Visitor(null, null, false, null);

    public boolean signedIn() {
        return token != null;
    }
}
