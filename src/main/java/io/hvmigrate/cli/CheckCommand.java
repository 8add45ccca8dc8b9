package io.hvmigrate.cli;

import io.hvmigrate.check.Preflight;
import io.hvmigrate.check.Report;
import io.hvmigrate.engine.Discovery;
import io.hvmigrate.model.Facts;
import io.hvmigrate.plan.Plan;
import io.hvmigrate.plan.Planner;
import io.hvmigrate.report.JsonLinesEvents;
import java.io.IOException;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "check", header = "Preflight: proves a playbook's moves can succeed (auth, delegation, network, compatibility).",
        description = {"Proves a playbook's moves can succeed before anything changes: live migration enabled and the same "
                + "authentication type on both hosts, Kerberos constrained delegation on each source account (the exact SPNs, "
                + "both name forms, protocol transition), the migration network pin, switches, configuration versions, processor "
                + "and memory. Each finding has an id, a severity, the evidence and the command that fixes it. run does the same "
                + "checks first and refuses while one is blocking.", "",
                "It discovers the fleet, or with --facts checks against a snapshot instead."})
@ExitCodes({ExitCode.REFUSED, ExitCode.HOSTS_UNREACHABLE})
final class CheckCommand extends BaseCommand {

    @Mixin
    PlaybookArgument playbook;

    @Mixin
    InventoryOption inventory;

    @Mixin
    FactsOption factsFile;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws IOException {
        Inputs in = Inputs.load(playbook.file, inventory.orSetting(this), factsFile.file, false);
        boolean json = jsonOutput();
        Facts facts = in.facts();
        java.util.List<io.hvmigrate.plan.UnreadHost> unread = java.util.List.of();
        if (facts == null) {
            try (EngineSetup engine = new EngineSetup(in.inventory(), settings(), root().environment,
                    new JsonLinesEvents(new java.io.PrintWriter(java.io.Writer.nullWriter()), Clock.systemUTC()), err(), false)) {
                Discovery.Result found = engine.service.discover();
                found.unreachable().forEach(u -> err().println("hvmigrate: could not read " + u.describe()));
                facts = found.facts();
                unread = found.unreadHosts();
                if (found.noHostRead()) {
                    err().println("hvmigrate: no host could be read: a connection problem, not a playbook one; nothing was checked");
                    return ExitCode.HOSTS_UNREACHABLE.code();
                }
            }
        }
        // how each host was reached, when hosts were (not with --facts)
        java.util.List<CheckOutput.Connection> connections = in.facts() == null
                ? CheckOutput.connections(in.inventory(), unread) : java.util.List.of();
        Plan plan = new Planner(in.inventory(), facts, unread).plan(in.playbook());
        Report report = new Preflight(facts, in.playbook().policy()).check(plan);
        if (json) {
            com.fasterxml.jackson.databind.node.ObjectNode root = CheckOutput.json(report);
            if (!connections.isEmpty()) {
                CheckOutput.connections(connections, root);
            }
            com.fasterxml.jackson.databind.node.ArrayNode refused = root.putArray("refused");
            for (io.hvmigrate.plan.PlannedMove m : plan.moves()) {
                if (m.outcome() instanceof io.hvmigrate.plan.Classification.Refused r) {
                    refused.addObject().put("move", m.id()).put("vm", m.vmName()).put("code", String.valueOf(r.code()))
                            .put("reason", r.reason()).put("fix", r.fix());
                }
            }
            out().println(root.toString());
        } else {
            if (!connections.isEmpty()) {
                CheckOutput.connections(connections, out());
            }
            if (plan.anyRefused()) {
                out().println("Moves that cannot be planned:");
                PlanOutput.refusals(plan, out());
                out().println();
            }
            CheckOutput.text(report, out(), plan.anyRefused());
        }
        return report.blocking() || plan.anyRefused() ? ExitCode.REFUSED.code() : ExitCode.OK.code();
    }
}
