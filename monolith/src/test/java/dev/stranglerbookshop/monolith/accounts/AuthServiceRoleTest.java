package dev.stranglerbookshop.monolith.accounts;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * From stage 1, auth-service logs into the monolith's database as {@code auth_service}. The accounts migration grants
 * that role the accounts schema and nothing else: these statements run as that role on the real database.
 */
@QuarkusTest
class AuthServiceRoleTest {

    @ConfigProperty(name = "bookshop.test.postgres.jdbc-url")
    String jdbcUrl;

    @Test
    void theRoleWorksOnAccounts() throws SQLException {
        try (Connection auth = DriverManager.getConnection(jdbcUrl, "auth_service", "auth_service")) {
            auth.createStatement().executeQuery("SELECT count(*) FROM accounts.accounts").close();
            auth.setAutoCommit(false);
            auth.createStatement().executeUpdate("INSERT INTO accounts.accounts (id, email, display_name, "
                    + "password_hash, role, created_at) VALUES (gen_random_uuid(), 'role-test@example.org', 'R', 'x', "
                    + "'customer', now())");
            auth.rollback();
        }
    }

    @Test
    void theRoleCannotReadOrWriteAnyOtherModule() throws SQLException {
        try (Connection auth = DriverManager.getConnection(jdbcUrl, "auth_service", "auth_service")) {
            for (String table : new String[] {"catalog.books", "ordering.orders", "ordering.order_lines",
                    "notifications.inbox", "search.book_documents"}) {
                assertThatThrownBy(() -> auth.createStatement().executeQuery("SELECT * FROM " + table).close())
                        .as(table).isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            }
            assertThatThrownBy(() -> auth.createStatement().executeUpdate("CREATE TABLE accounts.sneaky (id int)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThat(auth.getMetaData().getUserName()).isEqualTo("auth_service");
        }
    }
}
