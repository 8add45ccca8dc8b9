package io.hvmigrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "network", header = "Live-migration networks: pin incoming live migrations to a dedicated subnet.",
        description = {"The hosts' live-migration networks: pin restricts incoming live migrations to one subnet."},
        subcommands = {NetworkPinCommand.class})
final class NetworkCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
