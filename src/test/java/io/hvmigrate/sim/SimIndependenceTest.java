package io.hvmigrate.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** hvsim is an independent witness: it depends on nothing of hvmigrate outside io.hvmigrate.sim. */
class SimIndependenceTest {
    private final JavaClasses sim = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.hvmigrate.sim");

    @Test
    void simulatorImportsNothingOfTheEngine() {
        noClasses().that().resideInAPackage("io.hvmigrate.sim..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are hvmigrate classes outside io.hvmigrate.sim",
                        c -> c.getPackageName().startsWith("io.hvmigrate")
                             && !c.getPackageName().startsWith("io.hvmigrate.sim")))
                .check(sim);
    }

    @Test
    void worldDoesNotReachIntoTheTransport() {
        noClasses().that().resideInAPackage("io.hvmigrate.sim.world..")
                .should().dependOnClassesThat().resideInAPackage("io.hvmigrate.sim.wsman..")
                .check(sim);
    }
}
