package dev.stranglerbookshop.notifications;

import dev.stranglerbookshop.infra.quarkus.KafkaTestResource;
import dev.stranglerbookshop.infra.quarkus.PostgresTestResource;
import dev.stranglerbookshop.infra.quarkus.SmtpTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every test in this module runs against one real PostgreSQL server, one real Kafka broker and one real SMTP server. */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpTestResource.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
