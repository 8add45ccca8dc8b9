package io.hvmigrate.cli;

import io.hvmigrate.delegation.DelegationMode;
import io.hvmigrate.delegation.DelegationService;
import io.hvmigrate.delegation.LdifChange;
import io.hvmigrate.delegation.PowerShellChange;
import io.hvmigrate.model.Facts;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", header = "Prints the minimal delegation change (PowerShell or LDIF). Changes nothing.",
        description = {"Computes the Kerberos delegation a set of hosts (or a playbook's moves) needs, compares it with the "
                + "directory and prints the minimal change: PowerShell (ActiveDirectory module) or LDIF, with comments saying "
                + "why. Changes nothing.", "",
                "With --hosts: every ordered pair of the hosts, \"Microsoft Virtual System Migration Service\" and cifs, each in "
                + "FQDN and NetBIOS form, plus cifs to the file servers their VMs use (a Scale-Out File Server's access point, "
                + "never its nodes). With --playbook: exactly what its moves need.", "",
                "It reads the fleet and the directory, or with --facts plans against a snapshot (PowerShell format only: LDIF "
                + "needs the accounts' distinguished names and userAccountControl as they are now). It succeeds when the plan was "
                + "printed, whether or not there is something to change."})
@ExitCodes(ExitCode.FAILED)
final class DelegationPlanCommand extends DelegationBase {

    /** The formats, for shell completion. */
    static final class Formats implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.List.of("powershell", "ldif").iterator();
        }
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "powershell", completionCandidates = Formats.class,
            description = "powershell (default) or ldif (constrained mode only: ldifde -i -f FILE, or ldapmodify -f FILE)")
    String format;

    @Mixin
    FactsOption facts;

    @Override
    public Integer call() throws Exception {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("powershell") && !fmt.equals("ldif")) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "--format must be powershell or ldif, not '" + format + "'");
        }
        boolean ldif = fmt.equals("ldif");
        if (ldif && mode() == DelegationMode.RESOURCE_BASED) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "--format ldif cannot express resource-based delegation: "
                    + "msDS-AllowedToActOnBehalfOfOtherIdentity is a binary security descriptor that must be merged; use --format powershell");
        }
        if (ldif && facts.file != null) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "--format ldif reads the accounts' distinguished names and "
                    + "userAccountControl from the directory: it cannot work from --facts");
        }
        Inputs in = inputs(facts.file);
        if (facts.file != null) {
            Prepared p = prepare(in, in.facts());
            print(p, PowerShellChange.render(p.changes(), title("plan", p)));
            return ExitCode.OK.code();
        }
        try (EngineSetup engine = engine(in.inventory())) {
            Facts facts = discover(engine);
            Prepared p = prepare(in, facts);
            String text;
            if (ldif) {
                Map<String, LdifChange.AccountEntry> entries;
                try {
                    entries = DelegationService.readAccounts(p.changes().changes(), directory(engine, in.inventory(), facts));
                } catch (DelegationService.UnreadableDirectory e) {
                    throw new CommandFailure(ExitCode.FAILED, "cannot read the accounts through " + e.getMessage());
                }
                text = LdifChange.render(p.changes(), title("plan", p), entries);
            } else {
                text = PowerShellChange.render(p.changes(), title("plan", p));
            }
            print(p, text);
            return ExitCode.OK.code();
        }
    }

    private void print(Prepared p, String script) {
        if (json()) {
            out().println(DelegationOutput.plan(p, script).toPrettyString());
        } else {
            out().print(script);
        }
        out().flush();
    }
}
