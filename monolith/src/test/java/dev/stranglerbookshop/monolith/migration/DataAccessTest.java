package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.platform.stage.MigrationStage;
import dev.stranglerbookshop.topology.DataAccess;
import dev.stranglerbookshop.topology.Stage;
import dev.stranglerbookshop.topology.ServiceSpec;
import dev.stranglerbookshop.topology.StagePlan;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stage plan's data access, enforced by the database at every stage: {@link StageGrants} applies a stage, then
 * every role the plan lets another service use on the monolith's database can do exactly what that stage says with
 * every table of every schema (reads and writes, tried for real and rolled back), can create nothing anywhere, and
 * can truncate nothing; a role the stage does not share can do nothing at all (search-service's at stage 4: the cut).
 * Going back a stage gives the access back (the rollback). The roles exist because the test infrastructure creates
 * them before the migrations run, as every deployment does.
 */
@QuarkusTest
class DataAccessTest {

    private static final String PERMISSION_DENIED = "42501";

    @ConfigProperty(name = "bookshop.test.postgres.jdbc-url")
    String jdbcUrl;
    @Inject
    StageGrants grants;
    @Inject
    MigrationStage running;

    @TestFactory
    Stream<DynamicTest> everySharedRoleDoesWhatEachStageSaysAndNothingElse() throws SQLException {
        List<String> tables = tables();
        assertThat(tables).as("the test must see every module's tables")
                .contains("accounts.accounts", "catalog.books", "ordering.orders", "notifications.inbox",
                        "search.book_documents", "outbox.messages", "catalog.flyway_schema_history");
        assertThat(StagePlan.sharedRoles()).contains(StagePlan.AUTH_SERVICE_ROLE, StagePlan.SEARCH_SERVICE_ROLE);
        List<DynamicTest> tests = new ArrayList<>();
        // Up the stages, then back down one (the rollback), then the stage this test app runs at.
        List<Stage> order = new ArrayList<>(StagePlan.STAGES);
        order.add(StagePlan.stage(StagePlan.STAGES.size() - 2));
        for (Stage stage : order) {
            for (String role : StagePlan.sharedRoles()) {
                // What the stage gives the role on this database; nothing where it does not share it.
                Map<String, DataAccess.Privilege> given = stage.sharedData().values().stream()
                        .filter(a -> a.role().equals(role) && a.database().equals(ServiceSpec.MONOLITH.database()))
                        .findFirst().map(DataAccess::schemas).orElse(Map.of());
                tests.add(DynamicTest.dynamicTest("stage " + stage.number() + ": " + role, () -> {
                    grants.apply(stage);
                    for (String table : tables) {
                        tryEverything(role, given, table);
                    }
                    for (String schema : schemasOf(tables)) {
                        assertThat(usage(role, schema)).as("USAGE on %s", schema)
                                .isEqualTo(given.containsKey(schema));
                    }
                }));
            }
        }
        tests.add(DynamicTest.dynamicTest("back to this app's stage", () -> grants.apply(running.current())));
        return tests.stream();
    }

    private void tryEverything(String roleName, Map<String, DataAccess.Privilege> given, String table)
            throws SQLException {
        String schema = table.substring(0, table.indexOf('.'));
        DataAccess.Privilege granted = given.get(schema);
        boolean reads = granted != null;
        boolean writes = granted == DataAccess.Privilege.READ_WRITE;
        String column = firstColumn(table);
        try (Connection role = DriverManager.getConnection(jdbcUrl, roleName, roleName)) {
            role.setAutoCommit(false);
            assertThat(allowed(role, "SELECT 1 FROM " + table + " LIMIT 0")).as("SELECT " + table).isEqualTo(reads);
            assertThat(allowed(role, "INSERT INTO " + table + " DEFAULT VALUES")).as("INSERT").isEqualTo(writes);
            assertThat(allowed(role, "UPDATE " + table + " SET " + column + " = " + column + " WHERE false"))
                    .as("UPDATE").isEqualTo(writes);
            assertThat(allowed(role, "DELETE FROM " + table + " WHERE false")).as("DELETE").isEqualTo(writes);
            assertThat(allowed(role, "TRUNCATE " + table)).as("TRUNCATE").isFalse();
            assertThat(allowed(role, "CREATE TABLE " + schema + ".sneaky_" + roleName + " (id int)"))
                    .as("CREATE in " + schema).isFalse();
        }
    }

    /** Whether PostgreSQL let the role run it: anything but "permission denied" (a constraint, say) means allowed. */
    private static boolean allowed(Connection role, String sql) throws SQLException {
        try {
            role.createStatement().execute(sql);
            return true;
        } catch (SQLException e) {
            return !PERMISSION_DENIED.equals(e.getSQLState());
        } finally {
            role.rollback(); // nothing tried here may stay
        }
    }

    private static List<String> schemasOf(List<String> tables) {
        return tables.stream().map(table -> table.substring(0, table.indexOf('.'))).distinct().toList();
    }

    private boolean usage(String role, String schema) throws SQLException {
        try (Connection owner = DriverManager.getConnection(jdbcUrl, "monolith", "monolith");
                ResultSet row = owner.createStatement().executeQuery("SELECT has_schema_privilege('" + role + "', '"
                        + schema + "', 'USAGE')")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection owner = DriverManager.getConnection(jdbcUrl, "monolith", "monolith");
                ResultSet rows = owner.createStatement().executeQuery("SELECT table_schema || '.' || table_name "
                        + "FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN "
                        + "('pg_catalog', 'information_schema') ORDER BY 1")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private String firstColumn(String table) throws SQLException {
        try (Connection owner = DriverManager.getConnection(jdbcUrl, "monolith", "monolith");
                ResultSet rows = owner.createStatement().executeQuery("SELECT column_name FROM information_schema"
                        + ".columns WHERE table_schema || '.' || table_name = '" + table + "' AND is_generated = "
                        + "'NEVER' ORDER BY ordinal_position LIMIT 1")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
