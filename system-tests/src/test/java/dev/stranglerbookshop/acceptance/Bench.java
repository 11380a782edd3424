package dev.stranglerbookshop.acceptance;

import java.time.Duration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How the benchmarks run.
 * <ul>
 *   <li>In {@code ./mvnw verify}, briefly ({@code bookshop.bench.brief=true}, set by system-tests/pom.xml): a few
 *       seconds of load and small counts, once per build, in the acceptance run of the stage where what the benchmark
 *       measures exists (that stage with its own routes), and skipped in the other runs. It prints its figures in the
 *       full run's form and asserts only that it ran: requests made and answered, figures finite. A benchmark that
 *       no longer runs fails the build instead of rotting until someone wants a figure.</li>
 *   <li>With {@code -Pbenchmark}, fully (the brief flag off): the long defaults, wherever it is asked to run, and
 *       nothing but the benchmarks.</li>
 * </ul>
 * Every duration and count is a {@code bookshop.bench.*} property with a full and a brief default; a {@code -D} on
 * the command line wins over both.
 */
final class Bench {

    private Bench() {
    }

    /** Whether this is the brief run of {@code ./mvnw verify} (not {@code -Pbenchmark}). */
    static boolean brief() {
        return Boolean.getBoolean("bookshop.bench.brief");
    }

    /** {@code -Dbookshop.bench.<name>}, else {@code full} (with -Pbenchmark) or {@code brief} (in verify). */
    static int setting(String name, int full, int brief) {
        return Integer.getInteger("bookshop.bench." + name, brief() ? brief : full);
    }

    /** A duration in seconds, as {@link #setting}. */
    static Duration seconds(String name, int full, int brief) {
        return Duration.ofSeconds(setting(name, full, brief));
    }

    /** The load phases' warm-up before each measured phase: {@code bookshop.bench.warm-up-seconds} (5 s; brief 1 s). */
    static Duration warmUp() {
        return seconds("warm-up-seconds", 5, 1);
    }

    /**
     * In the brief run, skips unless this is the acceptance run of {@code stage} with its own routes: each benchmark
     * runs briefly once per {@code ./mvnw verify}. With -Pbenchmark it runs wherever it is asked to.
     */
    static void assumeBriefRunAt(int stage) {
        if (brief()) {
            assumeTrue(SystemUnderTest.stage() == stage && SystemUnderTest.routeOverrides().isEmpty(),
                    () -> "in ./mvnw verify this benchmark runs briefly once, at stage " + stage + " with its own "
                            + "routes; this run is stage " + SystemUnderTest.stage()
                            + (SystemUnderTest.routeOverrides().isEmpty() ? "" : " with "
                            + SystemUnderTest.routeOverrides()));
        }
    }

    /** The line a brief run prints above its figures, so nobody quotes them. */
    static void announce() {
        if (brief()) {
            System.out.println("(brief run in ./mvnw verify: it shows the benchmark runs; its figures measure nothing "
                    + "worth quoting, -Pbenchmark does)");
        }
    }
}
