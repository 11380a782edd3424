package dev.stranglerbookshop.monolith.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The monolith's modules talk only through each other's public API package ({@code monolith.<module>}); everything
 * under {@code monolith.<module>.internal} is private to its module. These rules fail the build otherwise.
 */
class ModuleBoundariesTest {

    static final String ROOT = "dev.stranglerbookshop.monolith";
    static final List<String> MODULES = List.of("catalog", "ordering", "accounts", "notifications", "search",
            "idempotency", "events");
    /** The shared messaging library (the outbox and its relay): its API is {@code messaging.outbox}. */
    static final String MESSAGING = "dev.stranglerbookshop.messaging";

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void noModuleReachesIntoAnotherModulesInternals() {
        for (String module : MODULES) {
            ArchRule rule = noClasses().that().resideOutsideOfPackage(ROOT + "." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage(ROOT + "." + module + ".internal..")
                    .because("only " + module + "'s public API package is for other modules");
            rule.check(classes);
        }
    }

    @Test
    void theMonolithUsesOnlyTheOutboxApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage(MESSAGING + "..internal..")
                .because("the relay is the library's business; the monolith only appends to the outbox")
                .check(classes);
    }

    @Test
    void publicApisDependOnNoInternals() {
        for (String module : MODULES) {
            noClasses().that().resideInAPackage(ROOT + "." + module)
                    .should().dependOnClassesThat().resideInAPackage(ROOT + ".." + "internal..")
                    .because("a module's API must be usable without its implementation")
                    .allowEmptyShould(true) // some modules publish nothing (yet)
                    .check(classes);
        }
    }

    @Test
    void modulesHaveNoDependencyCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theWebPagesUseOnlyThePublicApi() {
        // The pages are the strangler facade's UI: they call the HTTP API like any client, so they never change when
        // a capability moves, and they cannot reach around the seam into a module.
        List<String> reachable = new java.util.ArrayList<>(MODULES);
        reachable.add("migration");
        noClasses().that().resideInAPackage(ROOT + ".web..")
                .should().dependOnClassesThat().resideInAnyPackage(reachable.stream().map(m -> ROOT + "." + m + "..")
                        .toArray(String[]::new))
                .check(classes);
    }

    @Test
    void theSharedKernelKnowsNoModule() {
        noClasses().that().resideInAPackage(ROOT + ".shared..")
                .should().dependOnClassesThat().resideInAnyPackage(MODULES.stream().map(m -> ROOT + "." + m + "..")
                        .toArray(String[]::new))
                .check(classes);
    }

    @Test
    void eachModuleMapsOnlyTablesOfItsOwnSchema() {
        for (String module : MODULES) {
            classes().that().resideInAPackage(ROOT + "." + module + "..").and().areAnnotatedWith(Table.class)
                    .should(new OwnSchemaCondition(module))
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }
}
