package dev.stranglerbookshop.monolith.migration;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledWarningsTest {

    @Test
    void writesTheFirstOfAKindThenOncePerPeriodWithHowManyWereLeftOut() {
        List<String> written = new ArrayList<>();
        AtomicLong clock = new AtomicLong();
        ThrottledWarnings warnings = new ThrottledWarnings(written::add, Duration.ofSeconds(10), clock::get);

        warnings.warn("search unavailable", "down 1");
        for (int i = 2; i <= 5; i++) {
            clock.addAndGet(Duration.ofSeconds(1).toNanos());
            warnings.warn("search unavailable", "down " + i);
        }
        warnings.warn("auth unavailable", "auth down"); // another kind is not held back
        clock.addAndGet(Duration.ofSeconds(7).toNanos()); // 11 s after the first
        warnings.warn("search unavailable", "down 6");

        assertThat(written).containsExactly("down 1", "auth down",
                "down 6 (and 4 more like it since the last report)");
    }
}
