package dev.stranglerbookshop.search.copy;

import dev.stranglerbookshop.infra.quarkus.KafkaTestResource;
import dev.stranglerbookshop.infra.quarkus.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** search-service at stage 4: its own index fed by catalog events on a real broker; small pages, a quick lag sample. */
public class CopyOn implements QuarkusTestProfile {

    /** Books per ListBooks page in these tests, so 1,000 books are 20 pages. */
    static final int PAGE_SIZE = 50;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("bookshop.search.copy.enabled", "true",
                "bookshop.search.copy.lag-interval", "1s",
                "bookshop.search.copy.backfill.page-size", String.valueOf(PAGE_SIZE),
                "bookshop.search.copy.backfill.page-deadline", "PT5S",
                // The tests run every backfill themselves, against a catalog they fill first.
                "bookshop.search.copy.backfill.on-start", "false");
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresTestResource.class, Map.of("database", "search")),
                new TestResourceEntry(KafkaTestResource.class));
    }
}
