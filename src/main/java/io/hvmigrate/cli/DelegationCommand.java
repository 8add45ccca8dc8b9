package io.hvmigrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "delegation", header = "Kerberos constrained delegation for live migration: plan or apply the minimal change.",
        description = {"Kerberos delegation for live migration: plan prints the minimal change to the directory (PowerShell or "
                + "LDIF), apply makes it through a management host, purges the sources' tickets and checks the result."},
        subcommands = {DelegationPlanCommand.class, DelegationApplyCommand.class})
final class DelegationCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
