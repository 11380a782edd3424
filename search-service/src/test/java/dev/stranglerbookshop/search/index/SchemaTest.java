package dev.stranglerbookshop.search.index;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This service's own index (its Flyway migrations) has the shape of the monolith's search projection, which it reads
 * at stage 3 and replaces at stage 4: the same columns, types, nullability and indexes. The monolith's migration runs
 * here in a scratch schema and the two tables are compared.
 */
@QuarkusTest
class SchemaTest {

    private static final Path MONOLITH_PROJECTION =
            Path.of("../monolith/src/main/resources/db/search/V1.5__search_documents.sql");

    @Inject
    DataSource database;

    @Test
    void theIndexTableIsTheMonolithsProjection() throws Exception {
        try (Connection connection = database.getConnection()) {
            var statement = connection.createStatement();
            statement.execute("DROP SCHEMA IF EXISTS monolith_search CASCADE");
            statement.execute("CREATE SCHEMA monolith_search");
            statement.execute(Files.readString(MONOLITH_PROJECTION).replace("search.", "monolith_search."));
            assertThat(columns(connection, "search")).isEqualTo(columns(connection, "monolith_search")).isNotEmpty();
            List<String> indexes = indexes(connection, "search");
            assertThat(indexes).isEqualTo(indexes(connection, "monolith_search"));
            assertThat(String.join("\n", indexes)).contains("book_documents_document:", "book_documents_price:");
            statement.execute("DROP SCHEMA monolith_search CASCADE");
        }
    }

    private static List<String> columns(Connection connection, String schema) throws Exception {
        List<String> columns = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT column_name, data_type, "
                + "character_maximum_length, numeric_precision, numeric_scale, is_nullable, is_generated "
                + "FROM information_schema.columns WHERE table_schema = '" + schema
                + "' AND table_name = 'book_documents' ORDER BY column_name")) {
            while (rows.next()) {
                columns.add(String.join(" ", rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7)));
            }
        }
        return columns;
    }

    private static List<String> indexes(Connection connection, String schema) throws Exception {
        List<String> indexes = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT indexname, replace(indexdef, '"
                + schema + ".', '') FROM pg_indexes WHERE schemaname = '" + schema
                + "' AND tablename = 'book_documents' ORDER BY indexname")) {
            while (rows.next()) {
                indexes.add(rows.getString(1) + ": " + rows.getString(2));
            }
        }
        return indexes;
    }
}
