package io.hvmigrate.sim.ps.cmdlets;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.ManualClock;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsRun;
import io.hvmigrate.sim.ps.RunspaceConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BuiltinCmdletsTest {

    private static final String VMS = "$vms = @([pscustomobject]@{Name='web01'; State='Running'; Mem=4}, "
            + "[pscustomobject]@{Name='db01'; State='Off'; Mem=8}, [pscustomobject]@{Name='web02'; State='Running'; Mem=2}); ";

    private static List<String> strings(String script) {
        PsRun r = PsRun.run(script);
        assertThat(r.errors).as(r.errorText()).isEmpty();
        return r.strings();
    }

    @Test
    void whereObjectWithAScriptBlock() {
        assertThat(strings(VMS + "($vms | Where-Object { $_.State -eq 'Running' }).Name")).containsExactly("web01", "web02");
        assertThat(strings(VMS + "($vms | ? Mem -gt 3).Name")).containsExactly("web01", "db01");
    }

    @Test
    void whereObjectSimplifiedSyntax() {
        assertThat(strings(VMS + "($vms | Where-Object State -eq 'running').Name")).containsExactly("web01", "web02");
        assertThat(strings(VMS + "($vms | Where-Object Name -like 'web*').Name")).containsExactly("web01", "web02");
        assertThat(strings(VMS + "($vms | Where-Object State -CEQ 'running').Count")).containsExactly("0");
        assertThat(strings("(@([pscustomobject]@{n=1; ok=$true}, [pscustomobject]@{n=2; ok=$false}) | Where-Object ok).n"))
                .containsExactly("1");
    }

    @Test
    void forEachObjectForms() {
        assertThat(strings(VMS + "$vms | ForEach-Object { $_.Name.ToUpper() }")).containsExactly("WEB01", "DB01", "WEB02");
        assertThat(strings(VMS + "$vms | % Name")).containsExactly("web01", "db01", "web02");
        assertThat(strings(VMS + "$vms | ForEach-Object -MemberName Name")).containsExactly("web01", "db01", "web02");
        assertThat(strings("1..3 | % -Begin { $t = 0 } -Process { $t += $_ } -End { $t }")).containsExactly("6");
        assertThat(strings("'a','b' | ForEach-Object ToUpper")).containsExactly("A", "B");
    }

    @Test
    void forEachObjectRunsInTheCallersScope() {
        assertThat(strings("$sum = 0; 1..4 | ForEach-Object { $sum += $_ }; $sum")).containsExactly("10");
    }

    @Test
    void pipelineStreamsObjectsOneAtATime() {
        // begin/process/end per command: the second command sees the first object before the first command has
        // produced the second one
        assertThat(strings("1..3 | ForEach-Object { \"a$_\"; $_ } | ForEach-Object { \"b$_\" }"))
                .containsExactly("ba1", "b1", "ba2", "b2", "ba3", "b3");
        assertThat(strings("function Trace { begin { 'begin' } process { \"p$_\" } end { 'end' } }; "
                + "1,2 | ForEach-Object { \"x$_\"; $_ } | Trace"))
                .containsExactly("begin", "px1", "p1", "px2", "p2", "end");
    }

    @Test
    void selectObject() {
        PsRun r = PsRun.run(VMS + "$vms | Select-Object Name, @{n='GB'; e={ $_.Mem * 2 }} -First 2");
        assertThat(r.output).hasSize(2);
        PsObject first = (PsObject) r.output.get(0);
        assertThat(first.propertyNames()).containsExactly("Name", "GB");
        assertThat(first.get("GB")).contains(8);
        assertThat(first.typeNames().get(0)).isEqualTo("Selected.System.Management.Automation.PSCustomObject");
        assertThat(strings(VMS + "$vms | Select-Object -ExpandProperty Name -Last 1")).containsExactly("web02");
        assertThat(strings(VMS + "($vms | Select-Object -Property * -ExcludeProperty Mem)[0].PSObject.Properties.Name"))
                .containsExactly("Name", "State");
        assertThat(strings("1,2,2,3,1 | Select-Object -Unique")).containsExactly("1", "2", "3");
    }

    @Test
    void sortObject() {
        assertThat(strings(VMS + "($vms | Sort-Object Mem).Name")).containsExactly("web02", "web01", "db01");
        assertThat(strings(VMS + "($vms | Sort-Object Name -Descending).Name")).containsExactly("web02", "web01", "db01");
        assertThat(strings("3,1,2 | Sort-Object")).containsExactly("1", "2", "3");
        assertThat(strings("'b','A','c' | Sort-Object")).containsExactly("A", "b", "c");
    }

    @Test
    void measureObject() {
        assertThat(strings(VMS + "($vms | Measure-Object).Count; ($vms | Measure-Object Mem -Sum -Maximum).Sum; "
                + "($vms | Measure-Object Mem -Average).Average")).containsExactly("3", "14", "4.66666666666667");
    }

    @Test
    void groupObject() {
        PsRun r = PsRun.run(VMS + "$vms | Group-Object State | ForEach-Object { \"$($_.Name)=$($_.Count)\" }");
        assertThat(r.strings()).containsExactly("Running=2", "Off=1");
        assertThat(strings(VMS + "($vms | Group-Object State -AsHashTable).Off.Name")).containsExactly("db01");
    }

    @Test
    void writeOutputEnumerates() {
        assertThat(PsRun.run("Write-Output 1,2,3").output).hasSize(3);
        assertThat(PsRun.run("Write-Output -NoEnumerate 1,2,3").output).hasSize(1);
    }

    @Test
    void outStringFormats() {
        assertThat(strings("(@{a=1} | Out-String).Trim()")).containsExactly(
                "Name                           Value\r\n----                           -----\r\na                              1");
    }

    @Test
    void getDateReadsTheInjectedClock() {
        ManualClock clock = new ManualClock(Instant.parse("2025-06-01T12:30:00Z"));
        RunspaceConfig cfg = RunspaceConfig.of(CommandTable.empty(), null, "HV-A1").withClock(clock);
        PsRun r = PsRun.run(cfg, "(Get-Date).Year; Get-Date -Format 'yyyy-MM-ddTHH:mm:ss'; "
                + "(Get-Date).ToUniversalTime().ToString('o'); [DateTime]::UtcNow.ToString('u')");
        assertThat(r.strings()).containsExactly("2025", "2025-06-01T12:30:00", "2025-06-01T12:30:00.0000000Z",
                "2025-06-01 12:30:00Z");
    }

    @Test
    void startSleepWaitsOnTheInjectedClock() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2025-06-01T00:00:00Z"));
        RunspaceConfig cfg = RunspaceConfig.of(CommandTable.empty(), null, "HV-A1").withClock(clock);
        CompletableFuture<PsRun> run = CompletableFuture.supplyAsync(
                () -> PsRun.run(cfg, "$t0 = Get-Date; Start-Sleep -Seconds 30; ((Get-Date) - $t0).TotalSeconds"));
        assertThat(clock.awaitSleeper(Duration.ofSeconds(10))).isTrue();
        assertThat(run).isNotDone();
        clock.advance(Duration.ofSeconds(30));
        assertThat(run.get(10, TimeUnit.SECONDS).strings()).containsExactly("30");
    }

    @Test
    void newObjectAndAddMember() {
        assertThat(strings("$o = New-Object PSObject -Property @{ a = 1 }; $o | Add-Member -NotePropertyName b "
                + "-NotePropertyValue 2; $o | Add-Member NoteProperty c 3; $o.a + $o.b + $o.c")).containsExactly("6");
        assertThat(PsRun.run("New-Object System.Xml.XmlDocument").errors.get(0).message())
                .isEqualTo("Cannot find type [System.Xml.XmlDocument]: verify that the assembly containing this type is loaded.");
    }

    @Test
    void getCommandDescribesParameters() {
        assertThat(strings("(Get-Command ConvertTo-Json).Parameters.ContainsKey('Depth'); "
                + "(Get-Command Where-Object).Name; (Get-Command select).Name")).containsExactly("True", "Where-Object",
                "Select-Object");
        assertThat(PsRun.run("Get-Command Set-VMProcessor").errors.get(0).record().fullyQualifiedErrorId())
                .isEqualTo("CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand");
    }

    @Test
    void importModuleKnowsTheHyperVModules() {
        assertThat(PsRun.run("Import-Module Hyper-V, FailoverClusters").errors).isEmpty();
        assertThat(PsRun.run("Import-Module NoSuchModule").errors.get(0).message()).isEqualTo(
                "The specified module 'NoSuchModule' was not loaded because no valid module file was found in any module "
                        + "directory.");
    }

    @Test
    void firstModuleCommandReportsPreparingModulesUnlessProgressIsSilenced() {
        PsRun noisy = PsRun.run("'x' | ConvertTo-Json");
        assertThat(noisy.progress).hasSize(1);
        assertThat(noisy.progress.get(0).activity()).isEqualTo("Preparing modules for first use.");
        assertThat(PsRun.run("$ProgressPreference = 'SilentlyContinue'; 'x' | ConvertTo-Json").progress).isEmpty();
        assertThat(PsRun.run("1 | ForEach-Object { $_ }").progress).isEmpty();
    }

    @Test
    void writeHost() {
        PsRun r = PsRun.run("Write-Host 'a' 'b'; Write-Host -NoNewline x");
        assertThat(r.host).containsExactly("a b", "x");
        assertThat(r.output).isEmpty();
    }

    @Test
    void builtinsAreRegisteredByName() {
        assertThat(Builtins.cmdlets()).containsKeys("where-object", "foreach-object", "convertto-json");
        assertThat(Builtins.aliases()).contains(Map.entry("%", "ForEach-Object"));
    }
}
