package dev.stranglerbookshop.monolith;

import dev.stranglerbookshop.infra.quarkus.PostgresTestResource;
import dev.stranglerbookshop.infra.quarkus.SmtpTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every test in this module runs against one real PostgreSQL server and one real SMTP server, started once. */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "monolith"),
                @ResourceArg(name = "shared-roles", value = "true") })
@WithTestResource(value = SmtpTestResource.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
