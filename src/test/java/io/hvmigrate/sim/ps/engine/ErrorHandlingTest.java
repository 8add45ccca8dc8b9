package io.hvmigrate.sim.ps.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsRun;
import io.hvmigrate.sim.ps.PsType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorHandlingTest {

    static final String VIRTUALIZATION = "Microsoft.HyperV.PowerShell.VirtualizationException";

    private static ErrorRecord noCredentials(Object target) {
        return new ErrorRecord(VIRTUALIZATION, "Virtual machine migration operation for 'web01' failed at migration "
                + "source 'HV-A1'. (Virtual machine ID 1) Failed to establish a connection with host 'HV-B1': No "
                + "credentials are available in the security package (0x8009030E).", 0x8009030E,
                ErrorCategory.NotSpecified, "Unspecified,Microsoft.HyperV.PowerShell.Commands.MoveVM", target);
    }

    /** Writes a non-terminating error per -Name, then outputs "done". */
    static final CmdletInfo SOFT = new CmdletInfo("Test-Soft", List.of(new ParameterInfo("Name", PsType.STRING_ARRAY,
            Set.of(), Map.of(ParameterInfo.ALL_SETS, ParameterInfo.Binding.positional(0, false)))), null,
            () -> (ctx, in) -> {
                for (Object n : (List<?>) ctx.parameter("Name").orElse(List.of("x"))) {
                    ctx.writeError(noCredentials(n));
                }
                ctx.write("done");
            }, "Microsoft.HyperV.PowerShell.Commands.MoveVM");

    /** Throws a terminating error (ThrowTerminatingError). */
    static final CmdletInfo HARD = new CmdletInfo("Test-Hard", List.of(), null, () -> (ctx, in) -> {
        throw new PsException(noCredentials("web01"));
    }, "Microsoft.HyperV.PowerShell.Commands.MoveVM");

    private static final CommandTable TABLE = CommandTable.builder().cmdlet(SOFT).cmdlet(HARD)
            .exceptionType(VIRTUALIZATION, "System.Exception").build();

    private static PsRun run(String script) {
        return PsRun.run(TABLE, script);
    }

    @Test
    void nonTerminatingErrorsLetTheScriptContinue() {
        PsRun r = run("Test-Soft a, b; 'after'");
        assertThat(r.strings()).containsExactly("done", "after");
        assertThat(r.errors).hasSize(2);
        assertThat(r.errors.get(0).record().targetObject()).isEqualTo("a");
    }

    @Test
    void errorActionStopMakesTheErrorCatchable() {
        PsRun r = run("try { Test-Soft a -ErrorAction Stop; 'not here' } catch { 'caught'; $_.Exception.Message }");
        assertThat(r.strings()).containsExactly("caught", noCredentials(null).message());
        assertThat(r.errors).isEmpty();
    }

    @Test
    void catchSeesTheOriginalErrorRecord() {
        PsRun r = run("try { Test-Soft web01 -ErrorAction Stop } catch { "
                + "$_.Exception.GetType().FullName; $_.Exception.HResult; '{0:X8}' -f $_.Exception.HResult; "
                + "$_.CategoryInfo.Category; \"$($_.CategoryInfo.Reason)\"; $_.FullyQualifiedErrorId; $_.TargetObject; "
                + "$_.ToString() -eq $_.Exception.Message; $_.CategoryInfo.Activity; $PSItem.TargetObject }");
        assertThat(r.strings()).containsExactly(VIRTUALIZATION, Integer.toString(0x8009030E), "8009030E", "NotSpecified",
                "VirtualizationException", "Unspecified,Microsoft.HyperV.PowerShell.Commands.MoveVM", "web01", "True",
                "Test-Soft", "web01");
    }

    @Test
    void errorActionPreferenceStop() {
        PsRun r = run("$ErrorActionPreference = 'Stop'; try { Test-Soft a; 'not here' } catch { 'caught' }");
        assertThat(r.strings()).containsExactly("caught");
    }

    @Test
    void errorActionPreferenceStopEndsTheScriptWhenUncaught() {
        PsRun r = run("$ErrorActionPreference = 'Stop'; Test-Soft a; 'not here'");
        assertThat(r.strings()).isEmpty();
        assertThat(r.result.error()).isNotNull();
        assertThat(r.errors).hasSize(1);
    }

    @Test
    void silentlyContinueHidesButRecords() {
        PsRun r = run("Test-Soft a -ErrorAction SilentlyContinue; $Error.Count; $Error[0].TargetObject");
        assertThat(r.errors).isEmpty();
        assertThat(r.strings()).containsExactly("done", "1", "a");
    }

    @Test
    void ignoreDoesNotRecord() {
        assertThat(run("Test-Soft a -ErrorAction Ignore; $Error.Count").strings()).containsExactly("done", "0");
    }

    @Test
    void errorVariableCollectsTheCommandsErrors() {
        PsRun r = run("Test-Soft a, b -ErrorAction SilentlyContinue -ErrorVariable ev; $ev.Count; $ev[1].TargetObject; "
                + "Test-Soft c -ea 0 -ev +ev; $ev.Count");
        assertThat(r.strings()).containsExactly("done", "2", "b", "done", "3");
    }

    @Test
    void terminatingCmdletErrorEndsOnlyItsStatement() {
        PsRun r = run("Test-Hard; 'next'");
        assertThat(r.strings()).containsExactly("next");
        assertThat(r.errors).hasSize(1);
        assertThat(r.result.succeeded()).isTrue();
    }

    @Test
    void terminatingCmdletErrorIsCaughtWhateverTheErrorAction() {
        assertThat(run("try { Test-Hard -ErrorAction SilentlyContinue } catch { 'caught' }").strings())
                .containsExactly("caught");
    }

    @Test
    void typedCatchMatchesTheTypeAndItsBases() {
        assertThat(run("try { Test-Hard } catch [System.ArgumentException] { 'arg' } "
                + "catch [Microsoft.HyperV.PowerShell.VirtualizationException] { 'virt' }").strings()).containsExactly("virt");
        assertThat(run("try { Test-Hard } catch [Exception] { 'any' }").strings()).containsExactly("any");
        assertThat(run("try { [int]'x' } catch [System.Management.Automation.RuntimeException] { 'rt' }").strings())
                .containsExactly("rt");
        PsRun none = run("try { Test-Hard } catch [System.ArgumentException] { 'arg' }; 'after'");
        assertThat(none.strings()).containsExactly("after");
        assertThat(none.errors).hasSize(1);
    }

    @Test
    void finallyRunsOnSuccessErrorAndReturn() {
        assertThat(run("try { 'a' } finally { 'f' }").strings()).containsExactly("a", "f");
        assertThat(run("try { throw 'x' } catch { 'c' } finally { 'f' }").strings()).containsExactly("c", "f");
        assertThat(run("function g { try { return 'r' } finally { 'f' } }; g").strings()).containsExactly("r", "f");
    }

    @Test
    void throwAString() {
        PsRun r = run("try { throw 'VM web01 not found' } catch { $_.Exception.Message; $_.FullyQualifiedErrorId; "
                + "$_.CategoryInfo.Category; $_.Exception.GetType().FullName; $_.TargetObject }");
        assertThat(r.strings()).containsExactly("VM web01 not found", "VM web01 not found", "OperationStopped",
                "System.Management.Automation.RuntimeException", "VM web01 not found");
    }

    @Test
    void uncaughtThrowEndsTheScript() {
        PsRun r = run("'a'; throw 'stop here'; 'b'");
        assertThat(r.strings()).containsExactly("a");
        assertThat(r.result.error().message()).isEqualTo("stop here");
        assertThat(r.errorText()).isEqualTo("stop here\nAt line:1 char:6\n+ 'a'; throw 'stop here'; 'b'\n"
                + "+      ~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : OperationStopped: (stop here:String) [], "
                + "RuntimeException\n    + FullyQualifiedErrorId : stop here\n ");
    }

    @Test
    void rethrowKeepsTheRecord() {
        PsRun r = run("try { try { Test-Hard } catch { throw } } catch { $_.FullyQualifiedErrorId }");
        assertThat(r.strings()).containsExactly("ScriptHalted");
        PsRun r2 = run("try { try { Test-Hard } catch { throw $_ } } catch { $_.FullyQualifiedErrorId }");
        assertThat(r2.strings()).containsExactly("Unspecified,Microsoft.HyperV.PowerShell.Commands.MoveVM");
    }

    @Test
    void statementErrorsInsideAFunctionReachAnEnclosingTry() {
        assertThat(run("function f { 1/0; 'after' }; try { f } catch { 'caught' }").strings()).containsExactly("caught");
        assertThat(run("function f { 1/0; 'after' }; f").strings()).containsExactly("after");
    }

    @Test
    void writeErrorInAFunctionNamesTheFunction() {
        PsRun r = run("function Step { Write-Error 'step failed' }\nStep");
        assertThat(r.errors.get(0).record().fullyQualifiedErrorId())
                .isEqualTo("Microsoft.PowerShell.Commands.WriteErrorException,Step");
        assertThat(r.errorText()).startsWith("Step : step failed\nAt line:2 char:1\n+ Step\n+ ~~~~\n");
    }

    @Test
    void writeErrorWithCategoryAndId() {
        PsRun r = run("try { Write-Error -Message 'no vm' -Category ObjectNotFound -ErrorId VmMissing -TargetObject web01 "
                + "-ErrorAction Stop } catch { $_.FullyQualifiedErrorId; \"$($_.CategoryInfo.Category)\"; $_.TargetObject; "
                + "$_.Exception.GetType().FullName }");
        assertThat(r.strings()).containsExactly("VmMissing", "ObjectNotFound", "web01",
                "Microsoft.PowerShell.Commands.WriteErrorException");
    }

    @Test
    void mergingErrorsIntoOutput() {
        PsRun r = run("$all = Test-Soft a 2>&1; $all.Count; $all[0].GetType().FullName; $all[1]");
        assertThat(r.strings()).containsExactly("2", "System.Management.Automation.ErrorRecord", "done");
        assertThat(r.errors).isEmpty();
    }

    @Test
    void discardingErrors() {
        PsRun r = run("Test-Soft a 2>$null; $?; $Error.Count");
        assertThat(r.errors).isEmpty();
        assertThat(r.strings()).containsExactly("done", "False", "1");
    }

    @Test
    void warningsHonourTheirPreference() {
        PsRun r = run("Write-Warning 'one'; Write-Warning 'two' -WarningAction SilentlyContinue; "
                + "$WarningPreference = 'SilentlyContinue'; Write-Warning 'three'");
        assertThat(r.warnings).containsExactly("one");
    }

    @Test
    void verboseOnlyWhenAsked() {
        PsRun r = run("Write-Verbose 'quiet'; Write-Verbose 'loud' -Verbose; $VerbosePreference = 'Continue'; "
                + "Write-Verbose 'pref'");
        assertThat(r.verbose).containsExactly("loud", "pref");
    }

    @Test
    void errorsAreNewestFirstInDollarError() {
        assertThat(run("Test-Soft a, b; $Error[0].TargetObject; $Error.Clear(); $Error.Count").strings())
                .containsExactly("done", "b", "0");
    }

    @Test
    void throwingAnExceptionObject() {
        assertThat(run("try { throw [System.InvalidOperationException]::new('bad state') } catch { "
                + "$_.Exception.GetType().FullName; $_.FullyQualifiedErrorId; \"$($_.CategoryInfo)\" }").strings())
                .containsExactly("System.InvalidOperationException", "bad state",
                        "OperationStopped: (:) [], InvalidOperationException");
        assertThat(run("try { throw (New-Object System.ArgumentException 'made') } catch { "
                + "$_.Exception.GetType().Name; $_.Exception.HResult }").strings()).containsExactly("ArgumentException",
                Integer.toString(0x80070057));
    }

    @Test
    void advancedFunctionsThrowThroughPSCmdlet() {
        PsRun r = run("function Invoke-Step { [CmdletBinding()] param($Name) "
                + "$rec = [System.Management.Automation.ErrorRecord]::new([System.ArgumentException]::new(\"step $Name failed\"), "
                + "'StepFailed', 'InvalidArgument', $Name); $PSCmdlet.ThrowTerminatingError($rec) }\n"
                + "try { Invoke-Step -Name s1 } catch { $_.FullyQualifiedErrorId; \"$($_.CategoryInfo)\" }\n"
                + "Invoke-Step -Name s2; 'after'");
        assertThat(r.strings()).containsExactly("StepFailed,Invoke-Step",
                "InvalidArgument: (s1:String) [Invoke-Step], ArgumentException", "after");
        assertThat(r.errorText()).startsWith("Invoke-Step : step s2 failed\nAt line:3 char:1\n");
    }
}
