package dev.stranglerbookshop.search.copy;

import dev.stranglerbookshop.infra.postgres.RealPostgres;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import dev.stranglerbookshop.proto.catalog.v1.Book;
import dev.stranglerbookshop.proto.common.v1.Money;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The catalog contract's convergence rule, on the real index tables: whatever order a book's events and snapshot
 * pages arrive in, duplicated or racing, the copy ends with the book's newest state (or without the book, once it is
 * deleted), and nothing older ever overwrites anything newer.
 */
class CatalogCopyTest {

    private static RealPostgres postgres;
    private static AgroalDataSource database;
    private static CatalogCopy copy;

    @BeforeContainer
    static void start() {
        postgres = RealPostgres.start();
        postgres.createDatabase("copy", "copy");
        // Pooled, as the service's own datasource is: a new connection per application would make the test slow.
        try {
            database = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(
                    pool -> pool.maxSize(10).connectionFactoryConfiguration(factory -> factory
                            .jdbcUrl(postgres.jdbcUrl("copy")).principal(new NamePrincipal("copy"))
                            .credential(new SimplePassword("copy")))));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Flyway.configure().dataSource(database).schemas("search").locations("classpath:db/migration").load()
                .migrate();
        copy = new CatalogCopy(database);
    }

    @AfterContainer
    static void stop() {
        database.close();
        postgres.close();
    }

    @BeforeTry
    void emptyCopy() throws SQLException {
        sql("TRUNCATE search.book_documents, search.book_versions");
    }

    /** One book's life: its states at versions 0..n-1, then perhaps its deletion at version n. */
    record History(UUID id, List<Book> states, boolean deleted) {
        long lastVersion() {
            return deleted ? states.size() : states.size() - 1;
        }
    }

    @Property(tries = 150)
    void anyOrderOfEventsAndSnapshotPagesEndsAtTheNewestState(
            @ForAll @Size(min = 1, max = 4) List<@From("histories") History> books, @ForAll Random random)
            throws Exception {
        List<Runnable> deliveries = deliveries(books, random);
        Collections.shuffle(deliveries, random);
        deliveries.forEach(Runnable::run);

        for (History book : books) {
            assertEndsAtTheNewestState(book);
        }
    }

    @Example
    void racingAppliersOfTheSameHistoriesEndAlike() throws Exception {
        Random random = new Random(42);
        List<History> books = histories().list().ofSize(5).sample();
        List<Runnable> deliveries = deliveries(books, random);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                List<Runnable> mine = new ArrayList<>(deliveries);
                Collections.shuffle(mine, new Random(thread));
                running.add(pool.submit(() -> mine.forEach(Runnable::run)));
            }
            for (Future<?> done : running) {
                done.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (History book : books) {
            assertEndsAtTheNewestState(book);
        }
    }

    @Example
    void anOlderStateIsRefusedAndSaysSo() throws Exception {
        UUID id = UUID.randomUUID();
        assertThat(copy.apply(book(id, "Second", 2, 1))).isTrue();
        assertThat(copy.apply(book(id, "First", 5, 0))).as("older").isFalse();
        assertThat(copy.apply(book(id, "Second again", 2, 1))).as("the same version again").isFalse();
        assertThat(title(id)).isEqualTo("Second");
        assertThat(copy.delete(id.toString(), 2)).isTrue();
        assertThat(copy.apply(book(id, "Back from the dead", 1, 1))).as("behind the tombstone").isFalse();
        assertThat(title(id)).isNull();
    }

    @Example
    void aBookNoCopyCouldHoldIsRefusedAsPoisonAndWritesNothing() throws Exception {
        UUID id = UUID.randomUUID();
        List<Book> poison = List.of(
                book(id, "x", 1, 0).toBuilder().setId("not-a-uuid").build(),
                book(id, "x", 1, -1),
                book(id, "x", -1, 0),
                book(id, "x", 1, 0).toBuilder().setPrice(Money.newBuilder().setCurrencyCode("EUR").setAmount("1.005"))
                        .build(),
                book(id, "x", 1, 0).toBuilder().setPrice(Money.newBuilder().setCurrencyCode("EUR").setAmount("12,50"))
                        .build(),
                book(id, "x", 1, 0).toBuilder().setPrice(Money.newBuilder().setCurrencyCode("EUR")
                        .setAmount("100000000.00")).build(),
                book(id, "x", 1, 0).toBuilder().setPrice(Money.newBuilder().setCurrencyCode("EUR").setAmount("-1"))
                        .build(),
                book(id, "x", 1, 0).toBuilder().setPrice(Money.newBuilder().setCurrencyCode("USD").setAmount("1"))
                        .build());
        for (Book refused : poison) {
            assertThatThrownBy(() -> copy.apply(refused)).as(refused.toString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> copy.delete("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> copy.delete(id.toString(), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(count("search.book_versions")).isZero();
        assertThat(count("search.book_documents")).isZero();
    }

    @Provide
    Arbitrary<History> histories() {
        Arbitrary<Book> state = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.integers().between(0, 50)).as((title, stock) -> book(UUID.randomUUID(), title, stock, 0));
        return Combinators.combine(state.list().ofMinSize(1).ofMaxSize(6), Arbitraries.of(true, false))
                .as((states, deleted) -> {
                    UUID id = UUID.randomUUID();
                    List<Book> versions = new ArrayList<>();
                    for (int v = 0; v < states.size(); v++) {
                        versions.add(states.get(v).toBuilder().setId(id.toString()).setVersion(v).build());
                    }
                    return new History(id, versions, deleted);
                });
    }

    /** Every event (some twice, as at-least-once delivery may), the deletion, and 1-2 snapshot pages of any state. */
    private static List<Runnable> deliveries(List<History> books, Random random) {
        List<Runnable> deliveries = new ArrayList<>();
        for (History book : books) {
            for (Book state : book.states()) {
                deliveries.add(() -> copy.apply(state));
                if (random.nextInt(3) == 0) {
                    deliveries.add(() -> copy.apply(state));
                }
            }
            for (int page = 0; page < 1 + random.nextInt(2); page++) {
                Book seen = book.states().get(random.nextInt(book.states().size()));
                deliveries.add(() -> copy.apply(seen));
            }
            if (book.deleted()) {
                deliveries.add(() -> copy.delete(book.id().toString(), book.states().size()));
            }
        }
        return deliveries;
    }

    private static void assertEndsAtTheNewestState(History book) throws SQLException {
        Book newest = book.states().get(book.states().size() - 1);
        assertThat(title(book.id())).as("title of " + book).isEqualTo(book.deleted() ? null : newest.getTitle());
        if (!book.deleted()) {
            assertThat(query("SELECT stock FROM search.book_documents WHERE book_id = ?", book.id()))
                    .isEqualTo(String.valueOf(newest.getStock()));
        }
        assertThat(query("SELECT version || ' ' || deleted FROM search.book_versions WHERE book_id = ?", book.id()))
                .isEqualTo(book.lastVersion() + " " + book.deleted());
    }

    private static Book book(UUID id, String title, int stock, long version) {
        return Book.newBuilder().setId(id.toString()).setIsbn("9780000000002").setTitle(title)
                .addAuthors("An Author").setDescription("").addTags("test")
                .setPrice(Money.newBuilder().setCurrencyCode("EUR").setAmount("12.50")).setStock(stock)
                .setVersion(version).build();
    }

    private static String title(UUID id) throws SQLException {
        return query("SELECT title FROM search.book_documents WHERE book_id = ?", id);
    }

    private static long count(String table) throws SQLException {
        return Long.parseLong(query("SELECT count(*) FROM " + table, null));
    }

    private static String query(String sql, UUID id) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (id != null) {
                statement.setObject(1, id);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = database.getConnection(); var sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
