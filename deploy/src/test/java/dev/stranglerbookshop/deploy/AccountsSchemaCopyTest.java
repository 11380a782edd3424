package dev.stranglerbookshop.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * auth-service carries a copy of the monolith's accounts schema: at stages 1-3 it works on the monolith's tables, at
 * stage 4 it creates its own from its copy, so a drift would only show at stage 4. Each of its migrations must state
 * the same SQL as its monolith original. The files' comments differ on purpose (each describes its own side), and the
 * monolith grants its tables to the auth_service role, which the owner's copy has no need for; nothing else may differ.
 */
class AccountsSchemaCopyTest {

    /** auth-service migration, monolith migration it copies. */
    private static final Map<String, String> COPIES = Map.of(
            "auth-service/src/main/resources/db/migration/V1__accounts.sql",
            "monolith/src/main/resources/db/accounts/V1.3__accounts.sql",
            "auth-service/src/main/resources/db/migration/V2__login_attempts.sql",
            "monolith/src/main/resources/db/accounts/V4.3.1__accounts_login_attempts.sql");

    /** A PL/pgSQL block granting to auth_service when the role exists (the monolith's side only). */
    private static final Pattern GRANT_TO_AUTH_SERVICE = Pattern.compile(
            "DO \\$\\$\\s*BEGIN\\s*IF EXISTS \\(SELECT FROM pg_roles WHERE rolname = 'auth_service'\\) THEN\\s*"
                    + "(GRANT [^;]* TO auth_service;\\s*)+END IF;\\s*END\\s*\\$\\$;");

    @Test
    void everyAuthServiceMigrationIsACopyOfAMonolithOne() throws IOException {
        try (Stream<Path> files = Files.list(Repository.file("auth-service/src/main/resources/db/migration"))) {
            TreeSet<String> migrations = files.map(f -> "auth-service/src/main/resources/db/migration/" + f.getFileName())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(migrations)
                    .as("each auth-service migration names the monolith migration it copies here")
                    .isEqualTo(new TreeSet<>(COPIES.keySet()));
        }
    }

    @Test
    void eachCopyStatesTheSameSqlAsItsOriginal() {
        COPIES.forEach((copy, original) -> assertThat(sql(Repository.read(copy)))
                .as("%s must state the same SQL as %s (comments and the monolith's grants to auth_service aside)",
                        copy, original)
                .isEqualTo(sql(Repository.read(original))));
    }

    @Test
    void theComparisonSeesAChangedColumnButNotAComment() {
        String original = Repository.read("monolith/src/main/resources/db/accounts/V1.3__accounts.sql");
        assertThat(sql(original.replace("varchar(254)", "varchar(255)"))).isNotEqualTo(sql(original));
        assertThat(sql(original.replace("\n", "\r\n") + "-- a note\n")).isEqualTo(sql(original));
        assertThat(sql(original + "GRANT SELECT ON accounts.accounts TO someone_else;\n")).isNotEqualTo(sql(original));
    }

    /** The statements: line endings normalised, comments and blank lines dropped, grants to auth_service dropped. */
    static String sql(String text) {
        String statements = text.replace("\r\n", "\n").lines()
                .map(line -> line.replaceFirst("\\s*--.*$", ""))
                .filter(line -> !line.isBlank())
                .collect(Collectors.joining("\n"));
        return GRANT_TO_AUTH_SERVICE.matcher(statements).replaceAll("").strip();
    }
}
