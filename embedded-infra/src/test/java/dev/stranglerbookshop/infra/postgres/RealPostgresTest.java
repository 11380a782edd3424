package dev.stranglerbookshop.infra.postgres;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RealPostgresTest {

    @Test
    void servesARealDatabaseToItsOwnRoleAndRemovesItsDataOnClose() throws Exception {
        Path dataDirectory;
        try (RealPostgres postgres = RealPostgres.start()) {
            dataDirectory = postgres.dataDirectory();
            postgres.createDatabase("shop", "secret");
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("shop"), "shop", "secret");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t (id int PRIMARY KEY, name text)");
                statement.execute("INSERT INTO t VALUES (1, 'one')");
                try (ResultSet rs = statement.executeQuery("SELECT current_user, name, current_setting('server_version_num')::int FROM t")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("shop");
                    assertThat(rs.getString(2)).isEqualTo("one");
                    assertThat(rs.getInt(3)).isGreaterThanOrEqualTo(170000);
                }
            }
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl("shop"), "shop", "wrong"))
                    .hasMessageContaining("password authentication failed");
        }
        assertThat(Files.exists(dataDirectory)).isFalse();
    }

    @Test
    void rejectsIdentifiersThatWouldNeedQuoting() {
        try (RealPostgres postgres = RealPostgres.start()) {
            assertThatThrownBy(() -> postgres.createDatabase("shop; DROP ROLE postgres", "x"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
