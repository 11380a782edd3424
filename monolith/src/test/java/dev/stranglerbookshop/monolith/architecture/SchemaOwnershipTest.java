package dev.stranglerbookshop.monolith.architecture;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL is where a module could still reach into another's tables (native queries, migrations), and the compiler does
 * not see it: every SQL migration and Java source of a module may name only its own schema.
 */
class SchemaOwnershipTest {

    private static final Path MAIN = Path.of("src/main");

    @TestFactory
    Stream<DynamicTest> everyModuleNamesOnlyItsOwnSchema() {
        return ModuleBoundariesTest.MODULES.stream().flatMap(module -> files(module).map(file ->
                DynamicTest.dynamicTest(module + ": " + MAIN.relativize(file), () -> {
                    String text = Files.readString(file);
                    for (String other : ownedElsewhere()) {
                        if (!other.equals(module)) {
                            assertThat(Pattern.compile("\\b" + other + "\\.[a-z_]+").matcher(sqlOnly(file, text)).find())
                                    .as("%s names %s's schema", file, other).isFalse();
                        }
                    }
                })));
    }

    /** Every other module's schema, and the schemas of the libraries the monolith uses (messaging's outbox). */
    private static List<String> ownedElsewhere() {
        List<String> schemas = new ArrayList<>(ModuleBoundariesTest.MODULES);
        schemas.add("outbox");
        return schemas;
    }

    private static Stream<Path> files(String module) {
        Path sql = MAIN.resolve("resources/db").resolve(module);
        Path java = MAIN.resolve("java/dev/stranglerbookshop/monolith").resolve(module);
        assertThat(java).isDirectory();
        try {
            // A module without tables (events) has no migrations.
            return Stream.concat(Files.isDirectory(sql) ? walk(sql) : Stream.empty(), walk(java)).filter(p -> p.toString().matches(".*\\.(sql|java)$"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> walk(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList().stream();
        }
    }

    /** In Java only string literals can hold SQL; imports such as {@code monolith.catalog.Catalog} are ArchUnit's job. */
    private static String sqlOnly(Path file, String text) {
        if (!file.toString().endsWith(".java")) {
            return text;
        }
        StringBuilder literals = new StringBuilder();
        var matcher = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\]|\\\\.)*)\"", Pattern.DOTALL).matcher(text);
        while (matcher.find()) {
            literals.append(matcher.group(1) != null ? matcher.group(1) : matcher.group(2)).append('\n');
        }
        return literals.toString();
    }
}
