package io.hvmigrate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.engine.Discovery;
import io.hvmigrate.engine.RunEvents;
import io.hvmigrate.load.FactsWriter;
import io.hvmigrate.load.InventoryFormat;
import io.hvmigrate.model.Inventory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "discover", header = "Reads the facts of every inventory host at once; prints or saves a snapshot.",
        description = {"Reads the facts from every inventory host at once (one round trip per host, one per cluster) and prints "
                + "them as a snapshot (YAML, or JSON with --output json), or saves them with --out FILE for plan --facts: JSON "
                + "when the file name ends in .json, YAML otherwise.", "",
                "A host that cannot be read is named on standard error and makes discover fail; the others are still read. "
                + "When no host can be read, nothing is saved and an earlier snapshot stays as it was."})
@ExitCodes(ExitCode.FAILED)
final class DiscoverCommand extends BaseCommand {

    /** Names that are output formats: given to --out, they are a slip for -o, not a file anyone wants. */
    private static final Set<String> FORMAT_NAMES = Set.of("json", "text", "yaml", "yml");

    @Mixin
    InventoryOption inventory;

    @Mixin
    OutputOption output;

    @Option(names = {"-O", "--out"}, paramLabel = "FILE", description = "save the snapshot in FILE (JSON when its name ends in .json, YAML otherwise) instead of printing it")
    Path file;

    @Override
    public Integer call() throws IOException {
        refuseFormatAsFileName();
        refuseFileAsFormat();
        var settings = settings();
        Path invFile = inventory.orSetting(this);
        if (invFile == null) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "no inventory given: pass -i INVENTORY");
        }
        Inventory inv = InventoryFormat.load(invFile);
        try (EngineSetup engine = new EngineSetup(inv, settings, root().environment, RunEvents.NONE, err(), false)) {
            Discovery.Result r = engine.service.discover();
            r.unreachable().forEach(u -> err().println("hvmigrate: could not read " + u.describe()));
            if (r.facts().hosts().isEmpty() && !inv.hosts().isEmpty()) {
                // a snapshot of nothing would later read as a fleet without hosts: keep any earlier one as it is
                err().println("hvmigrate: no inventory host could be read" + (file != null ? "; " + file + " was not written" : ""));
                return ExitCode.FAILED.code();
            }
            if (file != null) {
                boolean jsonFile = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
                Files.writeString(file, jsonFile ? FactsWriter.json(r.facts()) : FactsWriter.yaml(r.facts()), StandardCharsets.UTF_8);
                if (jsonOutput()) {
                    ObjectNode o = Json.MAPPER.createObjectNode();
                    o.put("wrote", file.toString()).put("format", jsonFile ? "json" : "yaml")
                            .put("hosts", r.facts().hosts().size()).put("clusters", r.facts().clusters().size())
                            .put("vms", r.facts().vms().size()).put("remoteCalls", engine.hosts.roundTrips());
                    var unreachable = o.putArray("unreachable");
                    r.unreachable().forEach(u -> unreachable.addObject().put("host", u.host()).put("reason", u.reason()));
                    out().println(o.toPrettyString());
                } else {
                    out().println("wrote " + file + ": " + r.facts().hosts().size() + " hosts, " + r.facts().clusters().size() + " clusters, "
                            + r.facts().vms().size() + " VMs (" + engine.hosts.roundTrips() + " remote calls)");
                }
            } else if (jsonOutput()) {
                out().println(FactsWriter.json(r.facts()));
            } else {
                out().print(FactsWriter.yaml(r.facts()));
            }
            return r.unreachable().isEmpty() ? ExitCode.OK.code() : ExitCode.FAILED.code();
        }
    }

    /** {@code --out json} is -o json mistyped: refuse it rather than write a file named json. */
    private void refuseFormatAsFileName() {
        if (file != null && FORMAT_NAMES.contains(file.toString().toLowerCase(Locale.ROOT))) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "--out " + file + " looks like a format, not a file name: --out (-O) "
                    + "names the file to save the snapshot in, such as --out facts.yaml; the format of what is printed is "
                    + "-o/--output text|json. To write a file named " + file + ", say --out ./" + file);
        }
    }

    /** {@code -o facts.yaml} is how discover was once told where to save: say where that went. */
    private void refuseFileAsFormat() {
        String format = output.format;
        if (format != null && !FORMAT_NAMES.contains(format.toLowerCase(Locale.ROOT)) && (format.contains(".") || format.contains("/")
                || format.contains("\\"))) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "-o/--output " + format + ": -o is the output format (text or json); "
                    + "to save the snapshot in a file, use --out " + format + " (or -O " + format + ")");
        }
    }
}
