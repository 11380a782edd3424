package dev.stranglerbookshop.auth.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code accounts.accounts} in one database, in plain JDBC so that the same code serves the monolith's copy and this
 * service's own during the accounts move. Each call is one statement in its own (auto-committed) transaction: an
 * account is one row, and a registration writes nothing else.
 */
public final class AccountRows {

    /** The SQLState PostgreSQL answers for a unique index violated (the id or the lower-cased email). */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource database;
    private final String name;

    /**
     * @param name what this database is to the move ({@code legacy}, {@code own}), for messages and metrics
     */
    public AccountRows(DataSource database, String name) {
        this.database = database;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public DataSource database() {
        return database;
    }

    /** @throws AccountStoreException when the database cannot answer */
    public Optional<Account> byId(UUID id) {
        return one("SELECT * FROM accounts.accounts WHERE id = ?", id);
    }

    /** @param email compared lower-cased, as stored */
    public Optional<Account> byEmail(String email) {
        return one("SELECT * FROM accounts.accounts WHERE email = ?", Account.normalise(email));
    }

    /**
     * Inserts the account.
     *
     * @return false when its id or email is taken already (nothing written), true when written
     * @throws AccountStoreException when the database cannot answer
     */
    public boolean insert(Account account) {
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO accounts.accounts "
                        + "(id, email, display_name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, account.id());
            insert.setString(2, account.email());
            insert.setString(3, account.displayName());
            insert.setString(4, account.passwordHash());
            insert.setString(5, account.role());
            insert.setTimestamp(6, Timestamp.from(account.createdAt()));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new AccountStoreException(name, e);
        }
    }

    private Optional<Account> one(String sql, Object parameter) {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new AccountStoreException(name, e);
        }
    }

    /** The account on the result set's current row ({@code SELECT *} of {@code accounts.accounts}). */
    static Account read(ResultSet row) throws SQLException {
        return new Account(row.getObject("id", UUID.class), row.getString("email"), row.getString("display_name"),
                row.getString("password_hash"), row.getString("role"),
                row.getTimestamp("created_at").toInstant());
    }
}
