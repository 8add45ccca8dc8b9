package io.hvmigrate.sim.ps;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** hvsim's PowerShell is an independent witness: it uses nothing of the engine. */
class SimulatorBoundaryTest {

    @Test
    void powerShellImportsNothingOutsideTheSimulator() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.hvmigrate.sim.ps");
        noClasses().that().resideInAPackage("io.hvmigrate.sim.ps..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are in io.hvmigrate outside io.hvmigrate.sim",
                        c -> c.getPackageName().startsWith("io.hvmigrate") && !c.getPackageName().startsWith("io.hvmigrate.sim")))
                .check(classes);
    }
}
