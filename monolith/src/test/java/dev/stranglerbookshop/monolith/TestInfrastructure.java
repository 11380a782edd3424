package dev.stranglerbookshop.monolith;

import dev.stranglerbookshop.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every test in this module runs against one real PostgreSQL server, started once per test run. */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "monolith"))
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
