package io.hvmigrate.sim.ps.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsRun;
import io.hvmigrate.sim.ps.PsType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParameterBindingTest {

    private static final CommandTable TABLE = CommandTable.builder()
            .cmdlet(GetThing.INFO).cmdlet(GetThing.NEEDS_PATH).cmdlet(GetThing.TWO_SETS).cmdlet(GetThing.NEW_THING)
            .alias("gt", "Get-Thing").build();

    private static PsRun run(String script) {
        return PsRun.run(TABLE, script);
    }

    private static PsObject bound(String script) {
        PsRun r = run(script);
        assertThat(r.errors).as(r.errorText()).isEmpty();
        return (PsObject) r.single();
    }

    private static PsError error(String script) {
        PsRun r = run(script);
        assertThat(r.errors).as("errors of " + script).hasSize(1);
        return r.errors.get(0);
    }

    @Test
    void namedParameterByFullNamePrefixAndAlias() {
        assertThat(bound("Get-Thing -Name web").get("Name")).contains(List.of("web"));
        assertThat(bound("Get-Thing -Na web").get("Name")).contains(List.of("web"));
        assertThat(bound("Get-Thing -thingname web").get("Name")).contains(List.of("web"));
        assertThat(bound("Get-Thing -CN hv1,hv2").get("ComputerName")).contains(List.of("hv1", "hv2"));
    }

    @Test
    void aHashtableBindsToAnIDictionaryParameter() {
        // as Invoke-CimMethod -Arguments @{RequestedState=[uint16]4} binds on Windows
        assertThat(bound("Get-Thing -Options @{RequestedState=[uint16]4}").get("Options"))
                .hasValueSatisfying(v -> assertThat(((io.hvmigrate.sim.ps.PsHashtable) v).get("requestedstate")).isNotNull());
        assertThat(bound("Get-Thing -Options ([ordered]@{a=1})").get("Options")).containsInstanceOf(io.hvmigrate.sim.ps.PsHashtable.class);
        assertThat(error("Get-Thing -Options 'text'").message()).contains("Cannot convert the \"text\" value of type \"System.String\" to type \"System.Collections.IDictionary\"");
    }

    @Test
    void colonSyntax() {
        assertThat(bound("Get-Thing -Name:web -Count:3").get("Count")).contains(3);
    }

    @Test
    void positionalBindsTheDefaultSetsFirstPosition() {
        PsObject o = bound("Get-Thing web");
        assertThat(o.get("Set")).contains("ByName");
        assertThat(o.get("Name")).contains(List.of("web"));
    }

    @Test
    void aliasOfTheCommand() {
        assertThat(bound("gt web").get("Set")).contains("ByName");
    }

    @Test
    void namedParameterSelectsItsSet() {
        UUID id = UUID.fromString("6b29fc40-ca47-1067-b31d-00dd010662da");
        PsObject o = bound("Get-Thing -Id '" + id + "'");
        assertThat(o.get("Set")).contains("ById");
        assertThat(o.get("Id")).contains(id);
    }

    @Test
    void switches() {
        assertThat(bound("Get-Thing -Force").get("Force")).contains(true);
        assertThat(bound("Get-Thing -Force:$false").has("Force")).isFalse();
        assertThat(bound("Get-Thing -Force:$true").get("Force")).contains(true);
    }

    @Test
    void booleanParametersTakeBooleansAndNumbers() {
        assertThat(bound("Get-Thing -Enabled $false").get("Enabled")).contains(false);
        assertThat(bound("Get-Thing -Enabled 1").get("Enabled")).contains(true);
        PsError e = error("Get-Thing -Enabled 'false'");
        assertThat(e.message()).isEqualTo("Cannot process argument transformation on parameter 'Enabled'. Cannot convert "
                + "value \"System.String\" to type \"System.Boolean\". Boolean parameters accept only Boolean values and "
                + "numbers, such as $True, $False, 1 or 0.");
    }

    @Test
    void arraysFromCommaLists() {
        assertThat(bound("Get-Thing a,b,c").get("Name")).contains(List.of("a", "b", "c"));
    }

    @Test
    void enumArgumentsByName() {
        assertThat(bound("Get-Thing -Kind large").get("Kind")).contains(GetThing.KIND.of("Large"));
        assertThat(bound("Get-Thing -Kind 1").get("Kind").map(v -> ((PsEnum.Value) v).name())).contains("Small");
    }

    @Test
    void unknownParameter() {
        PsError e = error("Get-Thing -Frob 1");
        assertThat(e.message()).isEqualTo("A parameter cannot be found that matches parameter name 'Frob'.");
        assertThat(e.record().fullyQualifiedErrorId())
                .isEqualTo("NamedParameterNotFound,Microsoft.PowerShell.Commands.GetThingCommand");
        assertThat(e.record().exceptionType()).isEqualTo("System.Management.Automation.ParameterBindingException");
        assertThat(ErrorViews.categoryInfoText(e)).isEqualTo("InvalidArgument: (:) [Get-Thing], ParameterBindingException");
        assertThat(e.invocation().extent().text()).isEqualTo("-Frob");
    }

    @Test
    void ambiguousPrefix() {
        PsError e = error("Get-Thing -N 1");
        assertThat(e.message()).isEqualTo("Parameter cannot be processed because the parameter name 'N' is ambiguous. "
                + "Possible matches include: -Name -Number -Noise.");
        assertThat(e.record().fullyQualifiedErrorId()).startsWith("AmbiguousParameter,");
    }

    @Test
    void conversionFailureWithPowerShellsText() {
        PsError e = error("Get-Thing -Count abc");
        assertThat(e.message()).isEqualTo("Cannot bind parameter 'Count'. Cannot convert value \"abc\" to type "
                + "\"System.Int32\". Error: \"Input string was not in a correct format.\"");
        assertThat(e.record().fullyQualifiedErrorId())
                .isEqualTo("CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.GetThingCommand");
    }

    @Test
    void enumConversionFailureListsTheNames() {
        PsError e = error("Get-Thing -Kind Huge");
        assertThat(e.message()).isEqualTo("Cannot bind parameter 'Kind'. Cannot convert value \"Huge\" to type "
                + "\"Test.ThingKind\". Error: \"Unable to match the identifier name Huge to a valid enumerator name. "
                + "Specify one of the following enumerator names and try again:\r\nSmall, Large\"");
    }

    @Test
    void objectParameterRejectsAString() {
        PsError e = error("Get-Thing -Thing web");
        assertThat(e.message()).isEqualTo("Cannot bind parameter 'Thing'. Cannot convert the \"web\" value of type "
                + "\"System.String\" to type \"Test.Thing\".");
        assertThat(e.record().fullyQualifiedErrorId()).startsWith("CannotConvertArgument,");
    }

    @Test
    void activeDirectoryIdentityParameterTakesAStringAsItsIdentity() {
        // Set-ADComputer -Identity HV-M1: ADComputer has a public constructor taking the identity string
        CmdletInfo setComputer = new CmdletInfo("Set-Computer", List.of(GetThing.p("Name",
                PsType.objectOf("Microsoft.ActiveDirectory.Management.ADComputer"),
                Map.of(ParameterInfo.ALL_SETS, ParameterInfo.Binding.positional(0, true)))), null, GetThing::new);
        PsRun r = PsRun.run(CommandTable.builder().cmdlet(setComputer).build(), "Set-Computer -Name HV-M1");

        assertThat(r.errors).as(r.errorText()).isEmpty();
        assertThat(((PsObject) r.single()).get("Name")).contains("HV-M1");
    }

    @Test
    void missingArgument() {
        PsError e = error("Get-Thing -Count");
        assertThat(e.message()).isEqualTo("Missing an argument for parameter 'Count'. Specify a parameter of type "
                + "'System.Int32' and try again.");
    }

    @Test
    void parameterGivenTwice() {
        assertThat(error("Get-Thing -Count 1 -Count 2").record().fullyQualifiedErrorId()).startsWith("ParameterAlreadyBound,");
    }

    @Test
    void tooManyPositionalArguments() {
        PsError e = error("Get-Thing a b");
        assertThat(e.message()).isEqualTo("A positional parameter cannot be found that accepts argument 'b'.");
        assertThat(e.record().fullyQualifiedErrorId()).startsWith("PositionalParameterNotFound,");
    }

    @Test
    void missingMandatoryParameters() {
        PsError e = error("Set-Thing");
        assertThat(e.message()).isEqualTo("Cannot process command because of one or more missing mandatory parameters: "
                + "Path Value.");
        assertThat(e.record().fullyQualifiedErrorId())
                .isEqualTo("MissingMandatoryParameter,Microsoft.PowerShell.Commands.SetThingCommand");
    }

    @Test
    void nullToAMandatoryParameter() {
        assertThat(error("Set-Thing -Path $null -Value x").message())
                .isEqualTo("Cannot bind argument to parameter 'Path' because it is null.");
        assertThat(error("Set-Thing -Path '' -Value x").message())
                .isEqualTo("Cannot bind argument to parameter 'Path' because it is an empty string.");
    }

    @Test
    void parametersOfTwoSetsCannotBeCombined() {
        PsError e = error("Get-Thing -Name a -Id '6b29fc40-ca47-1067-b31d-00dd010662da'");
        assertThat(e.message()).isEqualTo("Parameter set cannot be resolved using the specified named parameters.");
        assertThat(e.record().fullyQualifiedErrorId())
                .isEqualTo("AmbiguousParameterSet,Microsoft.PowerShell.Commands.GetThingCommand");
    }

    @Test
    void undecidedSetWithoutADefault() {
        assertThat(error("Move-Thing x").record().fullyQualifiedErrorId()).startsWith("AmbiguousParameterSet,");
        assertThat(bound("Move-Thing x -Beta").get("Set")).contains("B");
    }

    @Test
    void pipelineInputByValue() {
        PsRun r = run("New-Thing vm1 | Get-Thing");
        assertThat(r.errors).isEmpty();
        PsObject o = (PsObject) r.single();
        assertThat(o.get("Set")).contains("ByObject");
        PsRun two = run("@(New-Thing vm1; New-Thing vm2) | Get-Thing");
        assertThat(two.output).hasSize(2);
        List<?> things = (List<?>) ((PsObject) two.output.get(1)).get("Thing").orElseThrow();
        assertThat(((PsObject) things.get(0)).get("Name")).contains("vm2");
    }

    @Test
    void pipelineInputOfAnotherTypeFallsBackToPropertyNames() {
        PsObject o = bound("[pscustomobject]@{ComputerName='hv9'} | Get-Thing");
        assertThat(o.get("ComputerName")).contains(List.of("hv9"));
        assertThat(o.get("Set")).contains("ByName");
    }

    @Test
    void pipelineInputByPropertyName() {
        PsObject o = bound("[pscustomobject]@{Name='web'; Count=2} | Get-Thing");
        assertThat(o.get("Name")).contains(List.of("web"));
        assertThat(o.get("Set")).contains("ByName");
    }

    @Test
    void pipelineInputThatBindsNothing() {
        PsRun r = run("5 | Set-Thing -Path p -Value v");
        assertThat(r.errors).hasSize(1);
        assertThat(r.errors.get(0).message()).isEqualTo("The input object cannot be bound to any parameters for the "
                + "command either because the command does not take pipeline input or the input and its properties do "
                + "not match any of the parameters that take pipeline input.");
        assertThat(r.errors.get(0).record().fullyQualifiedErrorId()).startsWith("InputObjectNotBound,");
    }

    @Test
    void splatting() {
        PsObject o = bound("$p = @{ Name = 'web'; Count = 4; Force = $true }; Get-Thing @p");
        assertThat(o.get("Count")).contains(4);
        assertThat(o.get("Force")).contains(true);
    }

    @Test
    void commonParametersAreAccepted() {
        assertThat(bound("Get-Thing web -ErrorAction Stop -WarningAction SilentlyContinue -Verbose").get("Set"))
                .contains("ByName");
        assertThat(error("Get-Thing -ErrorAction Sometimes").message()).startsWith("Cannot bind parameter 'ErrorAction'. "
                + "Cannot convert value \"Sometimes\" to type \"System.Management.Automation.ActionPreference\".");
    }

    @Test
    void unknownCommand() {
        PsError e = error("Get-Nothing -Name x");
        assertThat(e.message()).isEqualTo("The term 'Get-Nothing' is not recognized as the name of a cmdlet, function, "
                + "script file, or operable program. Check the spelling of the name, or if a path was included, verify "
                + "that the path is correct and try again.");
        assertThat(e.record().category().name()).isEqualTo("ObjectNotFound");
        assertThat(e.record().fullyQualifiedErrorId()).isEqualTo("CommandNotFoundException");
        assertThat(e.record().exceptionType()).isEqualTo("System.Management.Automation.CommandNotFoundException");
        assertThat(ErrorViews.categoryInfoText(e)).isEqualTo("ObjectNotFound: (Get-Nothing:String) [], CommandNotFoundException");
    }

    @Test
    void bindingErrorsRunNothingOfThePipeline() {
        PsRun r = run("Write-Host 'before' | Get-Thing -Frob 1");
        assertThat(r.host).isEmpty();
        assertThat(r.errors).hasSize(1);
    }

    @Test
    void advancedFunctionsBindLikeCmdlets() {
        PsRun r = run("function Set-It { [CmdletBinding()] param([Parameter(Mandatory)][string]$Name, [int]$Size = 1) "
                + "\"$Name/$Size\" }; Set-It -Name a; Set-It b 5; Set-It -Nope 1");
        assertThat(r.strings()).containsExactly("a/1", "b/5");
        assertThat(r.errors.get(0).message()).isEqualTo("A parameter cannot be found that matches parameter name 'Nope'.");
        assertThat(r.errors.get(0).record().fullyQualifiedErrorId()).isEqualTo("NamedParameterNotFound,Set-It");
    }

    @Test
    void simpleFunctionsCollectExtraArgumentsInArgs() {
        assertThat(run("function f($a) { $a; $args.Count }; f 1 2 3").strings()).containsExactly("1", "2");
    }

    @Test
    void pipelineFunctionsWithProcessBlocks() {
        assertThat(run("function Double { process { $_ * 2 } }; 1,2,3 | Double").strings()).containsExactly("2", "4", "6");
        assertThat(run("function Sum { $t = 0; foreach ($i in $input) { $t += $i }; $t }; 1,2,3 | Sum").strings())
                .containsExactly("6");
        assertThat(run("function Named { param([Parameter(ValueFromPipelineByPropertyName)]$Name) process { \"n=$Name\" } }"
                + "; [pscustomobject]@{Name='x'} | Named").strings()).containsExactly("n=x");
    }
}
