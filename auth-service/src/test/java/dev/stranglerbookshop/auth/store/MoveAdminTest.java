package dev.stranglerbookshop.auth.store;

import dev.stranglerbookshop.proto.auth.v1.AuthService;
import dev.stranglerbookshop.proto.auth.v1.RegisterRequest;
import dev.stranglerbookshop.proto.auth.v1.User;
import io.agroal.api.AgroalDataSource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * auth-service in phase dual-write: the configured datasources, a registration written to both databases, and the
 * move's commands over HTTP. The {@code legacy} database plays the monolith's.
 */
@QuarkusTest
@TestProfile(MoveAdminTest.DualWrite.class)
class MoveAdminTest {

    public static class DualWrite implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bookshop.auth.accounts.phase", "dual-write",
                    // The monolith migrates its database; here the legacy one is migrated as the app starts.
                    "quarkus.flyway.legacy.migrate-at-start", "true",
                    "quarkus.flyway.legacy.schemas", "accounts",
                    "bookshop.auth.accounts.sync-interval", "PT1H", // only the sync at start: no race with the tests
                    "bookshop.auth.admin.email", "Root@Example.org",
                    "bookshop.auth.admin.password", "a long admin password",
                    "quarkus.datasource.legacy.jdbc.url", "${bookshop.test.postgres.legacy.jdbc-url}",
                    "quarkus.datasource.legacy.username", "legacy",
                    "quarkus.datasource.legacy.password", "legacy");
        }
    }

    @GrpcClient("auth")
    AuthService auth;

    @Inject
    @io.quarkus.agroal.DataSource("legacy")
    AgroalDataSource legacyDatabase;

    @Inject
    DataSource ownDatabase;

    @Inject
    Event<SyncAtStart.AccountsSynced> synced;

    @BeforeEach
    void bothDatabasesEmpty() {
        // Not ready before the sync at start has run: only then can it no longer race this test's rows.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200).body("checks.find { it.name == 'accounts-move' }.data.phase", equalTo("dual-write")));
        TwoDatabases.sql(legacyDatabase, "TRUNCATE accounts.accounts");
        TwoDatabases.sql(ownDatabase, "TRUNCATE accounts.accounts");
    }

    @Test
    void aRegistrationIsWrittenToBothDatabases() {
        User user = auth.register(RegisterRequest.newBuilder().setEmail("Both-" + UUID.randomUUID() + "@example.org")
                .setPassword("correct horse battery").setDisplayName("Both").build()).await().atMost(Duration.ofSeconds(10));

        UUID id = UUID.fromString(user.getId());
        Account inLegacy = new AccountRows(legacyDatabase, "legacy").byId(id).orElseThrow();
        assertThat(new AccountRows(ownDatabase, "own").byId(id)).contains(inLegacy);
        given().get("/admin/accounts/move").then().statusCode(200)
                .body("phase", equalTo("dual-write")).body("readsFrom", equalTo("legacy"))
                .body("recordIn", equalTo("legacy")).body("moving", equalTo(true));
    }

    @Test
    void syncCopiesWhatOwnLacksAndVerifyThenFindsNoDifference() {
        Account before = TwoDatabases.account("before-" + UUID.randomUUID() + "@example.org");
        new AccountRows(legacyDatabase, "legacy").insert(before);

        given().get("/admin/accounts/move/verify").then().statusCode(200)
                .body("identical", equalTo(false)).body("onlyInLegacyIds", contains(before.id().toString()));
        given().post("/admin/accounts/move/sync?limit=1000").then().statusCode(200)
                .body("copiedToOwn", equalTo(1)).body("copiedToLegacy", equalTo(0))
                .body("complete", equalTo(true));
        given().get("/admin/accounts/move/verify").then().statusCode(200)
                .body("identical", equalTo(true)).body("legacyAccounts", equalTo(1)).body("ownAccounts", equalTo(1));
    }

    @Test
    void theAdministratorIsCreatedOnceAfterTheSyncInBothDatabases() {
        synced.fire(new SyncAtStart.AccountsSynced(MovePhase.DUAL_WRITE));
        synced.fire(new SyncAtStart.AccountsSynced(MovePhase.DUAL_WRITE)); // a second start: left alone

        Account admin = new AccountRows(legacyDatabase, "legacy").byEmail("root@example.org").orElseThrow();
        assertThat(admin.role()).isEqualTo("admin");
        assertThat(new AccountRows(ownDatabase, "own").byEmail("ROOT@example.org")).contains(admin);
        given().get("/admin/accounts/move/verify").then().statusCode(200)
                .body("identical", equalTo(true)).body("legacyAccounts", equalTo(1));
    }

    @Test
    void aLimitBelowOneOrNotANumberIsRefused() {
        for (String limit : new String[] {"0", "-5", "-9223372036854775808"}) {
            given().post("/admin/accounts/move/sync?limit=" + limit).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        }
        for (String limit : new String[] {"lots", "1e3", "99999999999999999999"}) { // not a long at all
            given().post("/admin/accounts/move/sync?limit=" + limit).then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }
}
