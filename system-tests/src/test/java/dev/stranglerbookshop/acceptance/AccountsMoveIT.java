package dev.stranglerbookshop.acceptance;

import dev.stranglerbookshop.topology.ServiceSpec;
import dev.stranglerbookshop.topology.StagePlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Stage 4, auth-service's accounts moving to its own database (phase write-own): every registration is in both
 * databases with the same row, the administrator is auth-service's, and the operator's command
 * ({@code deploy/accounts-move.sh}) syncs and then verifies both identical.
 */
@Acceptance
class AccountsMoveIT {

    @BeforeEach
    void onlyWhereTheAccountsMove() {
        assumeTrue(StagePlan.stage(SystemUnderTest.stage()).move(ServiceSpec.AUTH_SERVICE).isPresent()
                && SystemUnderTest.current().postgres() != null, "stage 4, on a system the suite started");
    }

    @Test
    void aRegistrationIsInBothDatabasesAndSignsInEverywhere() throws SQLException {
        Api.Customer customer = Api.newCustomer("moving");
        String id = customer.request().get("/api/me").then().statusCode(200).extract().path("id"); // the monolith's copy

        List<String> own = row(ServiceSpec.AUTH_SERVICE.database(), customer.email());
        assertThat(own).isNotEmpty().first().isEqualTo(id);
        assertThat(row(ServiceSpec.MONOLITH.database(), customer.email())).isEqualTo(own);
    }

    @Test
    void theAdministratorIsAuthServicesAndTheMonolithsCopyIsTheSame() throws SQLException {
        List<String> own = row(ServiceSpec.AUTH_SERVICE.database(), Api.ADMIN_EMAIL);
        assertThat(own).isNotEmpty().contains("admin");
        assertThat(row(ServiceSpec.MONOLITH.database(), Api.ADMIN_EMAIL)).isEqualTo(own);
        Api.asAdmin().get("/api/admin/migration").then().statusCode(200);
    }

    @Test
    void theCommandSyncsAndVerifiesBothIdentical() throws Exception {
        Api.newCustomer("verified");
        assertThat(command("status")).contains("\"phase\": \"write-own\"").contains("\"readsFrom\": \"own\"");
        assertThat(command("sync")).contains("\"complete\": true");
        assertThat(command("verify")).contains("\"identical\": true"); // exit 0 checked by command()
    }

    /** id, email, display name, password hash, role of the account with this email in a database, or empty. */
    private static List<String> row(String database, String email) throws SQLException {
        String url = SystemUnderTest.current().postgres().jdbcUrl(database);
        try (Connection connection = DriverManager.getConnection(url, database, database);
                PreparedStatement query = connection.prepareStatement("SELECT id, email, display_name, password_hash, "
                        + "role, created_at FROM accounts.accounts WHERE email = lower(?)")) {
            query.setString(1, email);
            try (ResultSet rs = query.executeQuery()) {
                List<String> row = new ArrayList<>();
                if (rs.next()) {
                    for (int column = 1; column <= 6; column++) {
                        row.add(rs.getString(column));
                    }
                }
                return row;
            }
        }
    }

    /** Runs {@code deploy/accounts-move.sh} against the suite's auth-service; fails unless it exits 0. */
    private static String command(String... args) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("bookshop.root", "..")).toAbsolutePath().normalize();
        List<String> line = new ArrayList<>(List.of("bash", root.resolve("deploy/accounts-move.sh").toString()));
        line.addAll(List.of(args));
        Path out = Files.createTempFile("accounts-move", ".out");
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("AUTH_ADMIN_URL",
                SystemUnderTest.current().service(ServiceSpec.AUTH_SERVICE.name()).orElseThrow().baseUrl());
        Process process = builder.start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        assertThat(ended).as("accounts-move.sh %s ended within 60 s: %s", String.join(" ", args), output).isTrue();
        assertThat(process.exitValue()).as("accounts-move.sh %s: %s", String.join(" ", args), output).isZero();
        return output;
    }
}
