package io.hvmigrate.cli;

import io.hvmigrate.check.Preflight;
import io.hvmigrate.check.Report;
import io.hvmigrate.check.StaleTickets;
import io.hvmigrate.delegation.Computer;
import io.hvmigrate.delegation.DelegationService;
import io.hvmigrate.model.Facts;
import io.hvmigrate.plan.Planner;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "apply", header = "Makes the directory hold the delegation the moves need; purges tickets; checks again.",
        description = {"Makes the directory hold the delegation that delegation plan prints: the changes go through one "
                + "management host with the ActiveDirectory module (--via, or the host discovery reads the directory "
                + "through); then \"klist purge -li 0x3e7\" on each source whose delegation changed, so it acts on the change "
                + "now, and on each source whose computer account changed after it obtained its tickets (even when the "
                + "directory needs no change); then the directory is read again and checked. Only missing values are added; a second apply changes "
                + "nothing and says so.", "",
                "The management host's WinRM session must be able to reach a domain controller: run it on a domain controller "
                + "or a management server the domain lets act for you there (a remote session cannot pass your credentials "
                + "on: the second hop).", "",
                "In a terminal, the changes are shown and confirmed first (declining exits 3); from a script or a scheduler "
                + "pass --yes: without it, nothing is contacted and the exit code is 2.", "",
                "It fails when a change or a ticket purge failed, or when the directory does not hold everything afterwards."})
@ExitCodes({ExitCode.FAILED, ExitCode.REFUSED})
final class DelegationApplyCommand extends DelegationBase {

    @Override
    public Integer call() throws Exception {
        Inputs in = inputs(null);
        Confirmation.requireYesOrTerminal(yes, "hvmigrate delegation apply");
        try (EngineSetup engine = engine(in.inventory())) {
            Facts facts = discover(engine);
            Prepared before = prepare(in, facts);
            io.hvmigrate.directory.Directory directory = directory(engine, in.inventory(), facts);
            String through = directory.where();
            // sources whose account changed after they obtained their tickets: purged even when nothing is to change
            List<Computer> stale = before.matrix().sources().stream()
                    .filter(c -> c.kind() == Computer.Kind.HOST && StaleTickets.of(facts, c.name()).isPresent()).toList();
            if (before.changes().nothingToDo()) {
                List<DelegationService.HostResult> purged = List.of();
                if (!stale.isEmpty() && (yes || Confirmation.ask(false, "Purge the tickets (klist purge -li 0x3e7) on "
                        + String.join(", ", stale.stream().map(Computer::name).toList()) + ", whose delegation changed after "
                        + "they obtained them?", out()))) {
                    purged = new DelegationService(engine.hosts, stepLimit()).purge(stale);
                }
                if (json()) {
                    out().println(DelegationOutput.nothingToChange(before, through, purged).toPrettyString());
                } else {
                    DelegationOutput.nothingToDo(before, title("apply", before), through, stale, purged, out());
                }
                return purged.stream().anyMatch(h -> !h.ok()) ? ExitCode.FAILED.code() : ExitCode.OK.code();
            }
            if (!yes) {
                // the change as delegation plan prints it, and where it goes, before anything is written
                out().print(io.hvmigrate.delegation.PowerShellChange.render(before.changes(), title("apply", before)));
                if (!Confirmation.ask(false, "Make these changes through " + through + "?", out())) {
                    out().println("Nothing was changed.");
                    return ExitCode.REFUSED.code();
                }
            }
            DelegationService.Applied applied = new DelegationService(engine.hosts, stepLimit()).apply(before.changes(), directory, stale);
            // the truth afterwards: read the fleet and the directory again, and diff the same selection
            Facts now = discover(engine);
            Prepared after = prepare(in, now);
            Report preflight = in.playbook() == null ? null
                    : new Preflight(now, in.playbook().policy()).check(new Planner(in.inventory(), now).plan(in.playbook()));
            if (json()) {
                out().println(DelegationOutput.apply(before, applied, after, preflight).toPrettyString());
            } else {
                DelegationOutput.applied(before, title("apply", before), applied, after, preflight, out());
            }
            out().flush();
            return applied.anyFailed() || !after.changes().nothingToDo() ? ExitCode.FAILED.code() : ExitCode.OK.code();
        }
    }
}
