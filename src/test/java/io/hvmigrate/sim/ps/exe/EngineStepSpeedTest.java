package io.hvmigrate.sim.ps.exe;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.RunspaceConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How long an engine step takes to run through powershell.exe emulation once warm. Prints the figures; asserts only
 * the result (timing assertions would make the suite flaky on a shared machine).
 */
class EngineStepSpeedTest {

    static final PsEnum STATE = new PsEnum("Microsoft.HyperV.PowerShell.VMState",
            new LinkedHashMap<>(Map.of("Running", 2L, "Off", 3L)));

    static final CmdletInfo GET_VM = new CmdletInfo("Get-VM", List.of(new ParameterInfo("Name", PsType.STRING_ARRAY,
            Set.of("VMName"), Map.of(ParameterInfo.ALL_SETS, ParameterInfo.Binding.positional(0, false)))), null,
            () -> (ctx, in) -> {
                for (int i = 1; i <= 3; i++) {
                    ctx.write(PsObject.of("Microsoft.HyperV.PowerShell.VirtualMachine")
                            .put("Name", "web0" + i).put("Id", new UUID(0, i)).put("State", STATE.of(i == 2 ? "Off" : "Running"))
                            .put("MemoryAssigned", 4294967296L).put("IsClustered", i == 1).put("ComputerName", "HV-A1")
                            .put("Path", "C:\\ClusterStorage\\Volume1\\web0" + i));
                }
            }, "Microsoft.HyperV.PowerShell.Commands.GetVM");

    static final String STEP = String.join("\n",
            "$ErrorActionPreference = 'Stop'",
            "$ProgressPreference = 'SilentlyContinue'",
            "try {",
            "  $name = 'web01'",
            "  $vm = Get-VM | Where-Object { $_.Name -eq $name } | Select-Object -First 1",
            "  if ($null -eq $vm) { throw \"VM '$name' was not found on $env:COMPUTERNAME\" }",
            "  $others = @(Get-VM | Where-Object State -eq 'Running' | ForEach-Object { $_.Name })",
            "  $disks = @(1..4 | ForEach-Object { [pscustomobject]@{ Path = \"$($vm.Path)\\disk$_.vhdx\"; SizeGB = $_ * 10 } })",
            "  $total = ($disks | Measure-Object -Property SizeGB -Sum).Sum",
            "  $r = [ordered]@{",
            "    ok = $true",
            "    name = $vm.Name",
            "    id = $vm.Id.ToString()",
            "    state = \"$($vm.State)\"",
            "    stateValue = [int]$vm.State",
            "    memoryMB = [math]::Round($vm.MemoryAssigned / 1MB)",
            "    clustered = [bool]$vm.IsClustered",
            "    host = [Environment]::MachineName",
            "    running = $others",
            "    disks = $disks",
            "    totalGB = $total",
            "    summary = '{0} on {1} ({2:N0} MB)' -f $vm.Name, $vm.ComputerName, ($vm.MemoryAssigned / 1MB)",
            "  }",
            "} catch {",
            "  $e = $_",
            "  $r = [ordered]@{",
            "    ok = $false",
            "    error = [ordered]@{",
            "      message = $e.Exception.Message",
            "      type = $e.Exception.GetType().FullName",
            "      hresult = $e.Exception.HResult",
            "      category = \"$($e.CategoryInfo.Category)\"",
            "      id = $e.FullyQualifiedErrorId",
            "      target = \"$($e.TargetObject)\"",
            "    }",
            "  }",
            "}",
            "$r | ConvertTo-Json -Compress -Depth 4");

    @Test
    void engineStepRunsInWellUnderAMillisecondOrTwoWhenWarm() {
        RunspaceConfig cfg = RunspaceConfig.of(CommandTable.builder().cmdlet(GET_VM).build(), null, "HV-A1");
        String line = "powershell -NoProfile -NonInteractive -encodedcommand " + Console.encoded(STEP);
        assertThat(STEP.length()).isBetween(1200, 1800);
        Console first = new Console();
        assertThat(PowerShellProcess.run(line, cfg, first)).isZero();
        assertThat(first.stdout()).startsWith("{\"ok\":true,\"name\":\"web01\",\"id\":\"00000000-0000-0000-0000-000000000001\","
                + "\"state\":\"Running\",\"stateValue\":2,\"memoryMB\":4096,\"clustered\":true,\"host\":\"HV-A1\","
                + "\"running\":[\"web01\",\"web03\"],\"disks\":[{\"Path\":\"C:\\\\ClusterStorage\\\\Volume1\\\\web01\\\\disk1.vhdx\"");
        assertThat(first.stderr()).isEmpty();
        for (int i = 0; i < 1500; i++) {
            PowerShellProcess.run(line, cfg, new Console());
        }
        long[] times = new long[500];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            PowerShellProcess.run(line, cfg, new Console());
            times[i] = System.nanoTime() - t0;
        }
        Arrays.sort(times);
        System.out.printf("engine step (%d chars) through powershell.exe emulation: median %.3f ms, p90 %.3f ms, "
                + "min %.3f ms%n", STEP.length(), times[times.length / 2] / 1e6, times[times.length * 9 / 10] / 1e6,
                times[0] / 1e6);
    }
}
