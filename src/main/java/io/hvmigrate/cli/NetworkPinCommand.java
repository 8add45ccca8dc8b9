package io.hvmigrate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.load.InventoryFormat;
import io.hvmigrate.load.Units;
import io.hvmigrate.model.Cidr;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.network.MigrationNetworkPin;
import io.hvmigrate.powershell.NetworkPinScripts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pin", header = "Pins hosts' incoming live migrations to one subnet. Idempotent.",
        description = {"Pins each host's incoming live migrations to one network: adds the subnet as a migration network "
                + "(Add-VMMigrationNetwork) if the host does not list it, then sets UseAnyNetworkForMigration to false "
                + "(Set-VMHost), in that order, on the host itself. Prints each host's settings before and after; a host "
                + "already pinned is left as it is. Other migration networks a host lists are kept, and reported.", "",
                "check reports drift: network.any, network.not-pinned, network.destination."})
@ExitCodes({ExitCode.FAILED, ExitCode.REFUSED})
final class NetworkPinCommand extends BaseCommand {

    @Option(names = "--subnet", required = true, paramLabel = "CIDR", description = "the migration network, e.g. 198.51.100.0/24")
    String subnet;

    @Parameters(arity = "1..*", paramLabel = "HOST", description = "inventory hosts (name, FQDN or NetBIOS name)")
    List<String> hosts;

    @Mixin
    InventoryOption inventory;

    @Mixin
    OutputOption output;

    @Option(names = {"-y", "--yes"}, description = "pin without asking: needed when no terminal can answer, as from a scheduler")
    boolean yes;

    @Override
    public Integer call() {
        Cidr cidr;
        try {
            cidr = Cidr.parse(subnet);
        } catch (Cidr.Invalid e) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "--subnet: " + e.getMessage() + "; " + e.fix());
        }
        Path invFile = inventory.orSetting(this);
        if (invFile == null) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "no inventory given: pass -i INVENTORY");
        }
        Inventory inv = InventoryFormat.load(invFile);
        Set<String> names = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String h : hosts) {
            inv.host(h.trim()).ifPresentOrElse(e -> names.add(e.name()), () -> unknown.add(h));
        }
        if (!unknown.isEmpty()) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "not in the inventory: " + String.join(", ", unknown));
        }
        Confirmation.requireYesOrTerminal(yes, "hvmigrate network pin");
        if (!yes && !Confirmation.ask(false, "Add " + cidr + " as a live-migration network on " + String.join(", ", names)
                + " and accept live migrations only on their migration networks (UseAnyNetworkForMigration false)?", out())) {
            out().println("Nothing was changed.");
            return ExitCode.REFUSED.code();
        }
        List<MigrationNetworkPin.HostPin> pins;
        try (EngineSetup engine = new EngineSetup(inv, settings(), root().environment, io.hvmigrate.engine.RunEvents.NONE, err(), false)) {
            pins = new MigrationNetworkPin(engine.hosts, Units.duration(settings().get("step.timeout"))).pin(List.copyOf(names), cidr);
        }
        if (jsonOutput()) {
            out().println(json(cidr, pins).toPrettyString());
        } else {
            text(cidr, inv, pins);
        }
        out().flush();
        return pins.stream().allMatch(MigrationNetworkPin.HostPin::ok) ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }

    private void text(Cidr cidr, Inventory inv, List<MigrationNetworkPin.HostPin> pins) {
        for (MigrationNetworkPin.HostPin p : pins) {
            if (p.before() == null) {
                out().println(p.host() + ": FAILED to read: " + p.error());
                continue;
            }
            if (!p.changed() && p.ok()) {
                out().println(p.host() + ": already pinned to " + cidr.text() + " (" + describe(p.before()) + "); nothing changed");
            } else {
                out().println(p.host() + ": " + (p.ok() ? "pinned to " + cidr.text() : "FAILED: " + p.error()));
                out().println("    before: " + describe(p.before()));
                if (p.after() != null) {
                    out().println("    after:  " + describe(p.after()));
                }
                if (!p.ok()) {
                    String fqdn = inv.host(p.host()).map(Inventory.HostEndpoint::fqdn).orElse(p.host());
                    out().println("    by hand: " + NetworkPinScripts.pinStatement(fqdn,
                            p.before().lists(cidr) ? null : cidr.text(), p.before().useAnyNetwork()));
                }
            }
            p.warnings().forEach(w -> out().println("    note: " + w));
        }
    }

    private static String describe(MigrationNetworkPin.State s) {
        return "UseAnyNetworkForMigration " + (s.useAnyNetwork() ? "True" : "False") + "; migration networks: "
                + (s.networks().isEmpty() ? "(none)" : String.join(", ", s.networks()));
    }

    private static ObjectNode json(Cidr cidr, List<MigrationNetworkPin.HostPin> pins) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("kind", "hvmigrate-network-pin");
        root.put("subnet", cidr.text());
        ArrayNode hosts = root.putArray("hosts");
        for (MigrationNetworkPin.HostPin p : pins) {
            ObjectNode n = hosts.addObject().put("host", p.host()).put("ok", p.ok()).put("changed", p.changed()).put("error", p.error());
            state(n, "before", p.before());
            state(n, "after", p.after());
            ArrayNode w = n.putArray("warnings");
            p.warnings().forEach(w::add);
        }
        return root;
    }

    private static void state(ObjectNode n, String field, MigrationNetworkPin.State s) {
        if (s == null) {
            n.putNull(field);
            return;
        }
        ObjectNode o = n.putObject(field).put("useAnyNetworkForMigration", s.useAnyNetwork());
        ArrayNode nets = o.putArray("migrationNetworks");
        s.networks().forEach(nets::add);
    }
}
