package io.hvmigrate.powershell;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.PsRun;
import io.hvmigrate.sim.ps.RunspaceConfig;
import io.hvmigrate.sim.world.Caller;
import io.hvmigrate.sim.world.HostSession;
import io.hvmigrate.sim.world.ManualClock;
import io.hvmigrate.sim.world.World;
import io.hvmigrate.sim.world.cmdlet.WorldCommands;
import io.hvmigrate.sim.world.fleet.FleetLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The step scripts run by hvsim's interpreter on the lab fleet: what they print is the one result line. */
class StepScriptsOnHvsimTest {

    /**
     * Move-VM.md (docset/winserver2022-ps/Hyper-V/Move-VM.md), OUTPUTS: "Microsoft.HyperV.PowerShell.CompatibilityReport
     * if the migration fails because of an incompatibility". The script discards it, so Windows' error is what the
     * engine reads.
     */
    @Test
    void aMoveRefusedForAnIncompatibilityPrintsOnlyTheFailure() throws Exception {
        World world = new World(new FleetLoader().load(Path.of("config/fleets/lab.yaml")), new ManualClock());
        CommandTable.Builder b = CommandTable.builder();
        WorldCommands.all().values().forEach(b::cmdlet);
        RunspaceConfig config = RunspaceConfig.of(b.build(), new HostSession(world, "HV-S1", Caller.network("LAB\\svc-hvmigrate")), "HV-S1");
        String id = world.vm("HV-S1", "iso-s1").id().toString();
        StepScript script = StepScripts.moveVmWithStorage(id, "hv-s2.lab.test", "D:\\VMs\\iso-s1");

        PsRun r = PsRun.run(config, script.text());

        assertThat(r.output).singleElement().isInstanceOf(String.class);
        StepResult result = StepResult.parse((String) r.output.get(0), "", 0);
        assertThat(result).isInstanceOfSatisfying(StepResult.Failed.class,
                f -> assertThat(f.message()).contains("is not compatible with physical computer"));
        PsRun kept = PsRun.run(config, script.text().replace("$null=Move-VM", "Move-VM"));
        assertThat(kept.output).as("without $null= the report joins the output").hasSize(2);
    }
}
