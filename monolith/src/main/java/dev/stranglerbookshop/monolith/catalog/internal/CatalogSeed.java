package dev.stranglerbookshop.monolith.catalog.internal;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fills an empty catalog with public-domain books ({@code seed/books.csv}) so lists and search look real in dev and
 * in the local stack. Off unless {@code bookshop.catalog.seed=true}. Books go through the catalog service, so the
 * search module indexes them like any other book.
 */
@ApplicationScoped
public class CatalogSeed {

    private static final Logger LOG = Logger.getLogger(CatalogSeed.class);
    static final String RESOURCE = "seed/books.csv";

    private final CatalogService catalog;
    private final EntityManager em;
    private final boolean enabled;

    CatalogSeed(CatalogService catalog, EntityManager em,
            @ConfigProperty(name = "bookshop.catalog.seed", defaultValue = "false") boolean enabled) {
        this.catalog = catalog;
        this.em = em;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent started) {
        if (enabled) {
            int added = seedIfEmpty();
            if (added > 0) {
                LOG.infof("Seeded the catalog with %d books", added);
            }
        }
    }

    @Transactional
    int seedIfEmpty() {
        // Several instances may start at once: the lock lets one of them seed, the others then see books.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('catalog-seed'))").getSingleResult();
        if (Book.count() > 0) {
            return 0;
        }
        List<BookRequest> books = read();
        books.forEach(catalog::create);
        return books.size();
    }

    /** The seed rows as create requests: ISBNs, prices and stock derived deterministically from the row. */
    static List<BookRequest> read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<BookRequest> books = new ArrayList<>();
            lines.readLine(); // header: title|authors|year|tags|description
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    books.add(toRequest(books.size(), line.split("\\|", -1)));
                }
            }
            return books;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BookRequest toRequest(int index, String[] fields) {
        if (fields.length != 5) {
            throw new IllegalStateException(RESOURCE + " row " + (index + 2) + " has " + fields.length + " fields, not 5");
        }
        String title = fields[0].strip();
        int hash = Math.abs(title.hashCode());
        String body = "97918" + String.format("%07d", 1000 + index * 37);
        BigDecimal price = BigDecimal.valueOf(499 + hash % 3000, 2); // 4.99 .. 34.98 EUR
        int stock = index % 13 == 0 ? 0 : 1 + hash % 40; // a few sold out, so the in-stock filter means something
        int year = Integer.parseInt(fields[2].strip());
        String description = fields[4].strip() + " First published in " + (year < 0 ? -year + " BC" : year) + ".";
        return new BookRequest(body + Isbn.checkDigit13(body), title, split(fields[1]), description,
                split(fields[3]), price, stock);
    }

    private static List<String> split(String field) {
        return Arrays.stream(field.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
