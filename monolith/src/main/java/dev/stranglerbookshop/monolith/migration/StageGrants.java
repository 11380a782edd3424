package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.platform.stage.MigrationStage;
import dev.stranglerbookshop.topology.DataAccess;
import dev.stranglerbookshop.topology.ServiceSpec;
import dev.stranglerbookshop.topology.Stage;
import dev.stranglerbookshop.topology.StagePlan;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Other services' access to the monolith's database, applied from the stage plan at every start: stage as
 * configuration, on a schema history that stays linear. Flyway's migrations run the same at every stage, so a
 * migration cannot grant at stage 3 and revoke at stage 4; instead, after Flyway, each role the plan names
 * ({@link StagePlan#sharedRoles}) gets exactly what this stage gives it ({@link Stage#sharedData}): on each schema
 * it may use, {@code USAGE} plus {@code SELECT} (read) or {@code SELECT, INSERT, UPDATE, DELETE} (read-write) on
 * every table, now and for tables the monolith creates later; on every other schema the monolith owns, nothing.
 * (What PostgreSQL gives every role, {@code CONNECT} to the database and {@code USAGE} on {@code public}, stays: a
 * role without grants can log in and read nothing.) So moving from
 * stage 3 to 4 takes search-service's role off the monolith's search projection, and going back to 3 (the rollback)
 * gives it back, each by restarting the monolith at the new stage. Idempotent; one transaction per start, under an
 * advisory lock, so replicas starting together apply it one after the other and a reader never sees a half-applied
 * state. A role that does not exist (a deployment before its stage) is skipped.
 */
@ApplicationScoped
public class StageGrants {

    private static final Logger LOG = Logger.getLogger(StageGrants.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    // Any fixed number: serialises replicas applying grants at the same time (PostgreSQL refuses concurrent GRANTs
    // on one object with "tuple concurrently updated").
    private static final long LOCK = 0x57A6E_6AA17L;

    private final AgroalDataSource database;
    private final MigrationStage stage;

    StageGrants(AgroalDataSource database, MigrationStage stage) {
        this.database = database;
        this.stage = stage;
    }

    // After Flyway (which runs before StartupEvent observers) and before anything serves.
    void applyAtStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        apply(stage.current());
    }

    /**
     * Applies the data access {@code stage} gives every shared role on this (the monolith's) database.
     *
     * @return the statements run, for the log and tests
     * @throws IllegalStateException when the database refuses (the monolith's role must own the schemas, as it does
     *         where it migrates them)
     */
    public List<String> apply(Stage stage) {
        List<String> statements = new ArrayList<>();
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement sql = connection.createStatement()) {
                sql.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
                List<String> schemas = schemas(connection);
                requireOwned(schemas);
                for (String role : StagePlan.sharedRoles()) {
                    if (!exists(connection, role)) {
                        continue;
                    }
                    Map<String, DataAccess.Privilege> given = stage.sharedData().values().stream()
                            .filter(access -> access.role().equals(role)
                                    && access.database().equals(ServiceSpec.MONOLITH.database()))
                            .findFirst().map(DataAccess::schemas).orElse(Map.of());
                    for (String schema : schemas) {
                        statements.addAll(revoke(identifier(schema), identifier(role)));
                    }
                    given.forEach((schema, privilege) -> statements.addAll(grant(identifier(schema), identifier(role),
                            privilege)));
                }
                for (String statement : statements) {
                    sql.execute(statement);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply stage " + stage.number() + "'s data access: "
                    + e.getMessage(), e);
        }
        LOG.infof("Stage %d's data access applied to %s (%d statements)", stage.number(), StagePlan.sharedRoles(),
                statements.size());
        return statements;
    }

    private static List<String> revoke(String schema, String role) {
        return List.of("REVOKE ALL ON ALL TABLES IN SCHEMA " + schema + " FROM " + role,
                "REVOKE ALL ON ALL SEQUENCES IN SCHEMA " + schema + " FROM " + role,
                "ALTER DEFAULT PRIVILEGES IN SCHEMA " + schema + " REVOKE ALL ON TABLES FROM " + role,
                "REVOKE ALL ON SCHEMA " + schema + " FROM " + role);
    }

    private static List<String> grant(String schema, String role, DataAccess.Privilege privilege) {
        String tables = privilege == DataAccess.Privilege.READ_WRITE ? "SELECT, INSERT, UPDATE, DELETE" : "SELECT";
        return List.of("GRANT USAGE ON SCHEMA " + schema + " TO " + role,
                "GRANT " + tables + " ON ALL TABLES IN SCHEMA " + schema + " TO " + role,
                "ALTER DEFAULT PRIVILEGES IN SCHEMA " + schema + " GRANT " + tables + " ON TABLES TO " + role);
    }

    /**
     * Every schema some stage shares must be the monolith's role's own, or its grants could be neither given nor
     * taken (a separate owner or migration role): refuse to start rather than leave a stage-3 grant at stage 4.
     */
    private static void requireOwned(List<String> owned) {
        for (Stage any : StagePlan.STAGES) {
            for (DataAccess access : any.sharedData().values()) {
                if (!access.database().equals(ServiceSpec.MONOLITH.database())) {
                    continue;
                }
                for (String schema : access.schemas().keySet()) {
                    if (!owned.contains(schema)) {
                        throw new IllegalStateException("Schema " + schema + " is not owned by the monolith's "
                                + "database role, so its grants to " + access.role() + " cannot be applied per stage; "
                                + "let the role that migrates the monolith's database own it");
                    }
                }
            }
        }
    }

    /** The schemas of this database the monolith's role owns: all its modules' (others are not its to grant). */
    private static List<String> schemas(Connection connection) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery(
                "SELECT nspname FROM pg_namespace WHERE pg_get_userbyid(nspowner) = current_user ORDER BY 1")) {
            while (rows.next()) {
                schemas.add(rows.getString(1));
            }
        }
        return schemas;
    }

    private static boolean exists(Connection connection, String role) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            select.setString(1, role);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Names go into SQL: the plan's are plain lower-case identifiers, and nothing else is accepted. */
    private static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalStateException("'" + name + "' is not a plain lower-case identifier");
        }
        return name;
    }
}
