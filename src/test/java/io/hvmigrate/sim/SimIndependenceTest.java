package io.hvmigrate.sim;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** hvsim is an independent witness for the engine: it meets the engine only on the wire. */
class SimIndependenceTest {

    @Test
    void simulatorImportsNothingFromTheEngine() {
        JavaClasses sim = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.hvmigrate.sim");

        noClasses().that().resideInAPackage("io.hvmigrate.sim..")
                .should().dependOnClassesThat(resideInAPackage("io.hvmigrate..")
                        .and(resideOutsideOfPackage("io.hvmigrate.sim..")))
                .check(sim);
    }
}
