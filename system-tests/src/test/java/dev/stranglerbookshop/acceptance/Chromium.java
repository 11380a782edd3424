package dev.stranglerbookshop.acceptance;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.stranglerbookshop.topology.StagePlan;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium, driven by Playwright, for the tests of the server-rendered pages. Register it on a test class
 * with {@code @RegisterExtension static final Chromium chromium = new Chromium();}: one browser per class, a fresh
 * context (no cookies, no storage) per test, pointed at the system under test, so {@code page.navigate("/shop")}
 * works.
 *
 * <p>The browser tests run once per {@code ./mvnw verify}: in the run of the highest stage the {@link StagePlan}
 * runs, with that stage's own routes. The pages are the monolith's at every stage; the other runs skip them, saying
 * so. The browser is never downloaded: {@code -Dbookshop.chromium} or {@code BOOKSHOP_CHROMIUM} names it, else
 * {@code /usr/bin/chromium}.
 */
final class Chromium implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** How long an action, a navigation or an assertion waits: pages answer in milliseconds, a busy machine slower. */
    static final double TIMEOUT_MILLIS = 10_000;

    /** Without the background-networking flags Chromium keeps calling out, and this machine's network refuses. */
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync");

    private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");
    /** The contexts opened without JavaScript (see {@link #accessibilityViolations}). */
    private static final Set<BrowserContext> SCRIPTLESS = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private Playwright playwright;
    private Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());
    private Page page;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!runsHere()) {
            return; // each test skips, saying why (a class that skips as a whole counts no test at all)
        }
        Path executable = executable();
        if (!Files.isExecutable(executable)) {
            fail("No browser at " + executable + ": install Debian's chromium (.ci/run does) or point "
                    + "-Dbookshop.chromium / BOOKSHOP_CHROMIUM at a Chromium or Chrome");
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(executable)
                .setArgs(FLAGS).setTimeout(60_000));
        PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MILLIS);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeTrue(runsHere(), whyNotHere());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (context.getExecutionException().isPresent()) {
                keepWhatFailed(context);
            }
        } finally {
            contexts.forEach(BrowserContext::close);
            contexts.clear();
            page = null;
        }
        List<String> errors = List.copyOf(pageErrors);
        pageErrors.clear();
        if (!errors.isEmpty() && context.getExecutionException().isEmpty()) {
            fail("Uncaught script errors on the pages: " + errors);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (playwright != null) {
            playwright.close(); // closes the browser too
        }
    }

    /** The test's page, in its own fresh context (opened on first use, closed after the test). */
    Page page() {
        if (page == null) {
            page = newPage(new Browser.NewContextOptions());
        }
        return page;
    }

    /**
     * Another fresh context for this test (closed after it), e.g. {@code new Browser.NewContextOptions()
     * .setJavaScriptEnabled(false)}; the system's URL, an English locale and the timeouts are set here.
     */
    Page newPage(Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options.setBaseURL(SystemUnderTest.current().url())
                .setLocale("en-GB"));
        if (Boolean.FALSE.equals(options.javaScriptEnabled)) {
            SCRIPTLESS.add(context);
        }
        context.setDefaultTimeout(TIMEOUT_MILLIS);
        context.setDefaultNavigationTimeout(TIMEOUT_MILLIS);
        context.onPage(opened -> opened.onPageError(error -> pageErrors.add(opened.url() + ": " + error)));
        contexts.add(context);
        return context.newPage();
    }

    /** A context whose pages run no script: what a reader without JavaScript gets. */
    static Browser.NewContextOptions withoutJavaScript() {
        return new Browser.NewContextOptions().setJavaScriptEnabled(false);
    }

    /** The whole page as {@code system-tests/target/screenshots/<name>.png} (CI keeps {@code target/}). */
    static Path screenshot(Page page, String name) {
        Path file = screenshots().resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    /** What axe-core finds on the page against WCAG 2 A and AA, every impact. */
    static List<Rule> accessibilityViolations(Page page) {
        if (!SCRIPTLESS.contains(page.context())) {
            return axe(page);
        }
        // axe-core waits on timers, which never fire where scripts are off (each check then hangs ~30 s and reports
        // nothing). It reads a copy instead: the same document at the same URL, its own scripts still refused.
        String url = page.url();
        String document = page.content();
        BrowserContext scripted = page.context().browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(page.viewportSize().width, page.viewportSize().height));
        try {
            Page copy = scripted.newPage();
            copy.route(u -> u.equals(url), route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                    .setStatus(200).setBody(document).setHeaders(Map.of("Content-Type", "text/html; charset=utf-8",
                            "Content-Security-Policy", "script-src 'none'"))));
            copy.navigate(url);
            return axe(copy);
        } finally {
            scripted.close();
        }
    }

    private static List<Rule> axe(Page page) {
        return new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa")).analyze().getViolations();
    }

    /** Fails on any serious or critical WCAG 2 A/AA violation axe-core finds, naming rule, impact and where. */
    static void assertAccessible(Page page) {
        List<Rule> blocking = accessibilityViolations(page).stream()
                .filter(rule -> BLOCKING_IMPACTS.contains(rule.getImpact())).toList();
        if (!blocking.isEmpty()) {
            fail(page.url() + " has " + blocking.size() + " serious or critical accessibility violation(s):\n"
                    + describe(blocking));
        }
    }

    /** One line per rule: id, impact, the first few elements (axe's selectors) and what to fix. */
    static String describe(List<Rule> violations) {
        return violations.stream().map(rule -> "- " + rule.getId() + " (" + rule.getImpact() + "): "
                + rule.getNodes().stream().limit(3).map(CheckedNode::getTarget).map(String::valueOf)
                        .collect(Collectors.joining(", "))
                + (rule.getNodes().size() > 3 ? " and " + (rule.getNodes().size() - 3) + " more" : "")
                + " -- " + rule.getHelp()).collect(Collectors.joining("\n"));
    }

    /**
     * Whether this run is the browser tests' run: the highest stage the plan runs (not one it only names), with
     * the stage's own routes (no {@code -Dbookshop.routes.*} moving a capability elsewhere).
     */
    static boolean runsHere() {
        return SystemUnderTest.stage() == highestStage() && SystemUnderTest.routeOverrides().isEmpty();
    }

    private static String whyNotHere() {
        return "the browser tests run once, at stage " + highestStage() + " (the highest the stage plan runs) with its "
                + "own routes; this run is stage " + SystemUnderTest.stage()
                + (SystemUnderTest.routeOverrides().isEmpty() ? "" : " with " + SystemUnderTest.routeOverrides());
    }

    private static int highestStage() {
        return StagePlan.numbers().stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    private static Path executable() {
        String configured = System.getProperty("bookshop.chromium", System.getenv("BOOKSHOP_CHROMIUM"));
        return Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured.strip());
    }

    private static Path screenshots() {
        Path root = Path.of(System.getProperty("bookshop.root", "..")).toAbsolutePath().normalize();
        try {
            return Files.createDirectories(root.resolve("system-tests/target/screenshots"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A failed test leaves each of its pages as {@code failed-<class>-<test>[-n].png}, as last shown. */
    private void keepWhatFailed(ExtensionContext context) {
        String name = "failed-" + context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName();
        int n = 0;
        for (BrowserContext browserContext : contexts) {
            for (Page open : browserContext.pages()) {
                try {
                    screenshot(open, n == 0 ? name : name + "-" + n);
                    n++;
                } catch (RuntimeException e) {
                    System.err.println("No screenshot of " + open.url() + ": " + e.getMessage());
                }
            }
        }
    }
}
