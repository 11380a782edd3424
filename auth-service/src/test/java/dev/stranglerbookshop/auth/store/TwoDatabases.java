package dev.stranglerbookshop.auth.store;

import dev.stranglerbookshop.infra.postgres.RealPostgres;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * A real PostgreSQL server with two accounts databases, {@code legacy} (the monolith's) and {@code own} (this
 * service's), both migrated with this service's accounts schema (the monolith's is identical: V1.3 and V4.3.1).
 */
final class TwoDatabases implements AutoCloseable {

    final RealPostgres server = RealPostgres.start();
    private final List<AgroalDataSource> pools = new ArrayList<>();
    final DataSource legacyDatabase = database("legacy");
    final DataSource ownDatabase = database("own");
    final AccountRows legacy = new AccountRows(legacyDatabase, "legacy");
    final AccountRows own = new AccountRows(ownDatabase, "own");
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private DataSource database(String name) {
        server.createDatabase(name, name);
        try { // pooled, as the service's datasources are: a connection per statement would measure the handshake
            AgroalDataSource database = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(8).connectionFactoryConfiguration(factory ->
                            factory.jdbcUrl(server.jdbcUrl(name)).principal(new NamePrincipal(name))
                                    .credential(new SimplePassword(name)))));
            pools.add(database);
            Flyway.configure().dataSource(database).schemas("accounts").load().migrate();
            return database;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    AccountStore store(MovePhase phase) {
        return new AccountStore(phase, Optional.of(legacy), Optional.of(own), meters);
    }

    AccountsMove move(MovePhase phase) {
        return new AccountsMove(phase, Optional.of(legacy), Optional.of(own));
    }

    double followerMisses() {
        return meters.counter("accounts_move_follower_misses_total").count();
    }

    void empty() {
        sql(legacyDatabase, "TRUNCATE accounts.accounts");
        sql(ownDatabase, "TRUNCATE accounts.accounts");
    }

    static void sql(DataSource database, String statement) {
        try (Connection connection = database.getConnection(); Statement s = connection.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A customer as a registration makes one (the hash is not a real bcrypt hash: the move copies it verbatim). */
    static Account account(String email) {
        return new Account(UUID.randomUUID(), Account.normalise(email), "Reader " + email,
                "$2a$04$" + UUID.randomUUID(), "customer", Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    @Override
    public void close() {
        pools.forEach(AgroalDataSource::close);
        server.close();
    }
}
