package dev.stranglerbookshop.infra.quarkus;

import dev.stranglerbookshop.infra.postgres.RealPostgres;
import dev.stranglerbookshop.topology.StagePlan;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives a Quarkus test run a real PostgreSQL server with its own database and login role, and points the default
 * datasource at it. Register with {@code @WithTestResource(value = PostgresTestResource.class, scope = GLOBAL)};
 * the optional init arg {@code database} names the database and role (default {@code app}); {@code shared-roles}
 * {@code true} also creates, before the application migrates, every restricted role the stage plan lets another
 * service use on this database (password = name), as deployments do: the migrations grant them their rights;
 * {@code extra-databases} (comma-separated) creates more databases on the same server, each with its owner role of
 * the same name (password = name), published as {@code bookshop.test.postgres.<name>.jdbc-url}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final System.Logger LOG = System.getLogger(PostgresTestResource.class.getName());

    private RealPostgres postgres;
    private String database = "app";
    private Set<String> roles = Set.of();
    private List<String> extraDatabases = List.of();

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        roles = Boolean.parseBoolean(initArgs.getOrDefault("shared-roles", "false")) ? StagePlan.sharedRoles()
                : Set.of();
        extraDatabases = Arrays.stream(initArgs.getOrDefault("extra-databases", "").split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    @Override
    public Map<String, String> start() {
        postgres = RealPostgres.start();
        postgres.createDatabase(database, database);
        roles.forEach(role -> postgres.ensureRole(role, role));
        Map<String, String> config = new HashMap<>();
        extraDatabases.forEach(extra -> {
            postgres.createDatabase(extra, extra);
            config.put("bookshop.test.postgres." + extra + ".jdbc-url", postgres.jdbcUrl(extra));
        });
        LOG.log(System.Logger.Level.INFO, "PostgreSQL ready on port {0,number,#} in {1,number,#} ms (database {2})",
                postgres.port(), postgres.startTime().toMillis(), database);
        config.putAll(Map.of(
                "bookshop.test.postgres.jdbc-url", postgres.jdbcUrl(database),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", database,
                "quarkus.datasource.password", database));
        return config;
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
