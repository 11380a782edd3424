package dev.stranglerbookshop.acceptance;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The browser tests' vocabulary for the server-rendered pages, in the words a person sees: labels, link and button
 * names, headings, landmarks (the page contract). Nothing here knows the markup beyond what that contract names.
 */
final class ShopPages {

    static final String SESSION_COOKIE = "bookshop_session";

    /** Who looks at a page: what the navigation must offer them. */
    enum Visitor { ANONYMOUS, CUSTOMER, ADMIN }

    private ShopPages() {
    }

    /** The page's one level-1 heading with exactly this text. */
    static Locator title(Page page, String text) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(text).setExact(true).setLevel(1));
    }

    static Locator link(Locator scope, String name) {
        return scope.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    static Locator link(Page page, String name) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    static Locator button(Locator scope, String name) {
        return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /**
     * The form control labelled exactly so. Only controls: a landmark may carry the same name (a search form
     * labelled "Search"), and it is the field that is wanted.
     */
    static Locator field(Locator scope, String label) {
        return scope.getByLabel(label, new Locator.GetByLabelOptions().setExact(true))
                .and(scope.locator("input, select, textarea"));
    }

    static Locator field(Page page, String label) {
        return field(page.locator("body"), label);
    }

    /** The site navigation: the landmark holding the "Shop" link (paging may have a navigation of its own). */
    static Locator nav(Page page) {
        return page.getByRole(AriaRole.NAVIGATION)
                .filter(new Locator.FilterOptions().setHas(link(page, "Shop")));
    }

    /** The status banner an action leaves behind (an empty live region waiting for news is not one). */
    static Locator status(Page page) {
        return page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText(Pattern.compile("\\S")));
    }

    /** A {@code <section aria-labelledby>}: a region named by its heading. */
    static Locator region(Page page, String name) {
        return page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /**
     * Clicks a link and waits for the page it leads to, for a check that cannot tell the two pages apart by waiting
     * (paging: both are "Books").
     */
    static void follow(Page page, Locator target) {
        String from = page.url();
        target.click();
        page.waitForURL(url -> !url.equals(from));
    }

    /** Opens the sign-in page and signs in; back on the shop with a status banner. */
    static void signIn(Page page, String email, String password) {
        page.navigate("/shop/sign-in");
        submitSignIn(page, email, password);
        assertThat(status(page)).isVisible();
    }

    /** Fills and sends the sign-in form the page shows (where a protected page sent the visitor). */
    static void submitSignIn(Page page, String email, String password) {
        Locator main = page.getByRole(AriaRole.MAIN);
        field(main, "Email").fill(email);
        field(main, "Password").fill(password);
        button(main, "Sign in").click();
    }

    /** The sign-in page, where a protected page sends an anonymous visitor. */
    static Pattern signInUrl() {
        return Pattern.compile(".*/shop/sign-in([?#].*)?$");
    }

    /** A URL whose path ends so (no query or fragment). Escaped by hand: the browser reads it as a JS regex. */
    static Pattern at(String path) {
        return Pattern.compile(".*" + path.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0") + "$");
    }

    static Optional<Cookie> sessionCookie(Page page) {
        return page.context().cookies().stream().filter(c -> SESSION_COOKIE.equals(c.name)).findFirst();
    }

    /**
     * Every page visited: a full-page screenshot under this name (before any check, so a failing page is pictured
     * too), the layout every page shares, and no serious or critical accessibility violation.
     */
    static void check(Page page, String screenshot, Visitor visitor) {
        Chromium.screenshot(page, screenshot);
        assertThat(page.getByRole(AriaRole.MAIN)).hasCount(1);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasCount(1);
        Locator nav = nav(page);
        assertThat(nav).hasCount(1);
        for (String always : new String[] {"Shop", "My orders", "Inbox"}) {
            assertThat(link(nav, always)).isVisible();
        }
        boolean signedIn = visitor != Visitor.ANONYMOUS;
        assertThat(button(nav, "Sign out")).hasCount(signedIn ? 1 : 0);
        assertThat(link(nav, "Sign in")).hasCount(signedIn ? 0 : 1);
        assertThat(link(nav, "Register")).hasCount(signedIn ? 0 : 1);
        assertThat(link(nav, "Migration panel")).hasCount(visitor == Visitor.ADMIN ? 1 : 0);
        Chromium.assertAccessible(page);
    }

    /**
     * Reloads until the element shows (what arrives asynchronously, e.g. a mail through Kafka): each try waits up to
     * a second for it, so nothing sleeps blindly.
     */
    static void reloadUntilVisible(Page page, Locator element, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            try {
                element.first().waitFor(new Locator.WaitForOptions().setTimeout(1_000));
                return;
            } catch (TimeoutError notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Not shown on " + page.url() + " within " + atMost + ": " + element,
                            notYet);
                }
                page.reload();
            }
        }
    }
}
