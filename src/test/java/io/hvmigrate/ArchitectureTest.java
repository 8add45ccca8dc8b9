package io.hvmigrate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.hvmigrate.powershell.StepScript;

@AnalyzeClasses(packages = "io.hvmigrate", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** hvsim is an independent witness: it meets the engine only on the wire. */
    @ArchTest
    static final ArchRule simulatorImportsNothingOfTheEngine = noClasses().that().resideInAPackage("io.hvmigrate.sim..")
            .should().dependOnClassesThat().resideOutsideOfPackages("io.hvmigrate.sim..", "java..", "javax..", "jdk..", "sun..",
                    "com.fasterxml..", "org.bouncycastle..", "org.slf4j..", "ch.qos..", "picocli..", "org.ietf..", "com.sun..",
                    "com.unboundid..")
            .because("the simulator must not share code with the engine it checks");

    /**
     * The engine reaches hosts only over the wire: only the commands that start a simulated fleet (sim, lab) and the
     * benchmark harness may use hvsim's classes.
     */
    @ArchTest
    static final ArchRule onlyTheHarnessesStartTheSimulator = noClasses().that()
            .resideOutsideOfPackages("io.hvmigrate.sim..", "io.hvmigrate.bench..", "io.hvmigrate.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.hvmigrate.sim..")
            .because("the engine meets hvsim only on the wire; transport, plan, powershell and engine know nothing of it");

    /** Every PowerShell text comes from the one renderer. */
    @ArchTest
    static final ArchRule onlyTheRendererMakesScripts = noClasses().that().resideOutsideOfPackage("io.hvmigrate.powershell..")
            .should().callConstructor(StepScript.class, String.class, String.class)
            .because("values reach PowerShell only through PsLiteral, in io.hvmigrate.powershell");

    @ArchTest
    static final ArchRule theModelDependsOnNothingAbove = noClasses().that().resideInAPackage("io.hvmigrate.model..")
            .should().dependOnClassesThat().resideInAnyPackage("io.hvmigrate.plan..", "io.hvmigrate.cli..", "io.hvmigrate.settings..",
                    "io.hvmigrate.powershell..");

    @ArchTest
    static final ArchRule planningKnowsNothingOfTheCommandLine = noClasses().that()
            .resideInAnyPackage("io.hvmigrate.plan..", "io.hvmigrate.load..", "io.hvmigrate.powershell..", "io.hvmigrate.settings..")
            .should().dependOnClassesThat().resideInAPackage("io.hvmigrate.cli..");
}
