package dev.stranglerbookshop.search.copy;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready to answer searches from the own index only once a backfill has read the whole catalog into it (stage 4):
 * before, a search would miss every book made before events flowed. Always UP where the copy is off.
 */
@Readiness
@ApplicationScoped
public class IndexReadiness implements HealthCheck {

    private final Backfill backfill;
    private final boolean enabled;

    IndexReadiness(Backfill backfill, @ConfigProperty(name = "bookshop.search.copy.enabled") boolean enabled) {
        this.backfill = backfill;
        this.enabled = enabled;
    }

    @Override
    public HealthCheckResponse call() {
        if (!enabled) {
            return HealthCheckResponse.up("search-index");
        }
        try {
            return backfill.progress().filter(p -> p.firstFinishedAt() != null)
                    .map(p -> HealthCheckResponse.named("search-index").up()
                            .withData("filledAt", p.firstFinishedAt().toString()).build())
                    .orElseGet(() -> HealthCheckResponse.named("search-index").down()
                            .withData("reason", "the first backfill has not finished").build());
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("search-index").down().withData("reason", e.getMessage()).build();
        }
    }
}
