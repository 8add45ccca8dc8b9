package io.hvmigrate.cli;

import io.hvmigrate.engine.Discovery;
import io.hvmigrate.engine.RunEvents;
import io.hvmigrate.load.FactsWriter;
import io.hvmigrate.load.InventoryFormat;
import io.hvmigrate.model.Inventory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "discover", header = "Reads the facts of every inventory host at once; prints or saves a snapshot.",
        description = {"Reads the facts from every inventory host at once (one round trip per host, one per cluster) and prints "
                + "them, or saves them as a snapshot that plan --facts reads. A host that cannot be read makes discover fail."})
@ExitCodes(ExitCode.FAILED)
final class DiscoverCommand extends BaseCommand {

    @Mixin
    InventoryOption inventory;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "save the snapshot here (YAML, or JSON when the name ends in .json)")
    Path file;

    @Override
    public Integer call() throws IOException {
        var settings = settings();
        Path invFile = inventory.orSetting(this);
        if (invFile == null) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "no inventory given: pass -i INVENTORY");
        }
        Inventory inv = InventoryFormat.load(invFile);
        try (EngineSetup engine = new EngineSetup(inv, settings, root().environment, RunEvents.NONE, err(), false)) {
            Discovery.Result r = engine.service.discover();
            r.unreachable().forEach(u -> err().println("hvmigrate: could not read " + u.host() + ": " + u.reason()));
            if (r.facts().hosts().isEmpty() && !inv.hosts().isEmpty()) {
                // a snapshot of nothing would later read as a fleet without hosts: keep any earlier one as it is
                err().println("hvmigrate: no inventory host could be read" + (file != null ? "; " + file + " was not written" : ""));
                return ExitCode.FAILED.code();
            }
            boolean json = file != null && file.toString().endsWith(".json");
            String text = json ? FactsWriter.json(r.facts()) : FactsWriter.yaml(r.facts());
            if (file != null) {
                Files.writeString(file, text, StandardCharsets.UTF_8);
                out().println("wrote " + file + ": " + r.facts().hosts().size() + " hosts, " + r.facts().clusters().size() + " clusters, "
                        + r.facts().vms().size() + " VMs (" + engine.hosts.roundTrips() + " remote calls)");
            } else {
                out().print(text);
            }
            return r.unreachable().isEmpty() ? ExitCode.OK.code() : ExitCode.FAILED.code();
        }
    }
}
