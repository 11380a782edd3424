package dev.stranglerbookshop.acceptance;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser harness itself, on a page every stage serves: the monolith's Swagger UI loads and renders its
 * operations in Debian's Chromium, the screenshot lands where CI keeps it, and axe-core runs on it. Swagger UI is
 * not the project's page: what axe finds there is printed, not asserted.
 */
@Acceptance
class BrowserHarnessIT {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @Test
    void swaggerUiRendersInChromiumAndAxeRunsOnIt() {
        Page page = chromium.page();
        Response response = page.navigate("/q/swagger-ui");
        assertThat(response.status()).isEqualTo(200);
        // Swagger UI renders the operations with script: the log-in operation showing means the script ran.
        assertThat(page.getByText("/api/auth/login").first()).isVisible();

        Path file = Chromium.screenshot(page, "swagger-ui");
        assertThat(file).isRegularFile();
        assertThat(Files.isReadable(file) && file.toFile().length() > 10_000).as("a real picture").isTrue();

        var violations = Chromium.accessibilityViolations(page);
        System.out.printf("BrowserHarnessIT: axe-core on Swagger UI, %d WCAG 2 A/AA rule(s) violated%n%s%n",
                violations.size(), Chromium.describe(violations));
    }
}
