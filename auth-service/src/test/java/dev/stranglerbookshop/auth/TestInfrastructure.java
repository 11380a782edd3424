package dev.stranglerbookshop.auth;

import dev.stranglerbookshop.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every test in this module runs against one real PostgreSQL server, started once per test run: the database
 * {@code auth} (the default datasource) and {@code legacy}, which plays the monolith's in the accounts move's tests.
 */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "auth"),
                @ResourceArg(name = "extra-databases", value = "legacy")})
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
