package io.hvmigrate.cli;

import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.world.fleet.FleetLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "lab", header = "Starts the simulated fleet and runs the seven-scenario tour (or a playbook) against it.",
        description = {"Starts the embedded simulated fleet (hvsim) and runs a playbook against it over WinRM/HTTPS, as against "
                + "real hosts: discovery, planning, the seven live-migration scenarios, verification. The default tour moves one "
                + "VM of each scenario. Nothing outside this machine's loopback addresses is contacted.", "",
                "Text output is progress for people; JSON output is one event per line."})
@ExitCodes({ExitCode.FAILED, ExitCode.REFUSED, ExitCode.WINDOW_CLOSED, ExitCode.BUSY, ExitCode.HOSTS_UNREACHABLE, ExitCode.WINDOW_NOT_OPEN, ExitCode.INTERRUPTED})
final class LabCommand extends BaseCommand {

    @Option(names = "--fleet", paramLabel = "FILE", defaultValue = "config/fleets/lab.yaml",
            description = "the fleet file (default: ${DEFAULT-VALUE})")
    Path fleet;

    @Option(names = "--playbook", paramLabel = "FILE", defaultValue = "playbooks/lab-tour.yaml",
            description = "the playbook to run (default: ${DEFAULT-VALUE})")
    Path playbook;

    @Option(names = "--time-scale", paramLabel = "N", defaultValue = "40",
            description = "simulated time runs N times faster than real time (default: ${DEFAULT-VALUE})")
    double timeScale;

    @Mixin
    OutputOption output;

    @Mixin
    StopGraceOption stopGrace;

    private Path labDir;

    @Override
    Map<String, String[]> settingFlags() {
        Map<String, String[]> flags = new java.util.LinkedHashMap<>(super.settingFlags());
        flags.put("runs.dir", new String[] {labDir == null ? null : labDir.resolve("runs").toString(), "lab"});
        flags.put("stop.grace", stopGrace.flag());
        return flags;
    }

    @Override
    public Integer call() throws IOException {
        labDir = Files.createTempDirectory("hvmigrate-lab-");
        long t0 = System.nanoTime();
        try (SimFleet sim = SimFleet.start(shippedFile(fleet, "--fleet"), SimFleet.Options.defaults().withTimeScale(timeScale))) {
            LabFiles.Written files = LabFiles.write(sim, labDir, LabFiles.serviceAccount(sim));
            if (!jsonOutput()) {
                out().printf("lab: simulated fleet '%s' up in %d ms: %d hosts on loopback, WinRM over HTTPS (NTLM), time x%s%n",
                        sim.fleet().name(), (System.nanoTime() - t0) / 1_000_000, sim.endpoints().size(),
                        timeScale == Math.rint(timeScale) ? Long.toString((long) timeScale) : Double.toString(timeScale));
                out().println("lab: inventory " + files.inventory());
                out().flush();
            }
            Inputs in = Inputs.load(shippedFile(playbook, "--playbook"), files.inventory(), null, false);
            return Runs.execute(this, in.inventory(), in.playbook(), false);
        } catch (FleetLoadException e) {
            err().println("hvmigrate: " + e.getMessage());
            return ExitCode.INVALID_INPUT.code();
        }
    }
}
