package io.hvmigrate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.settings.EngineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "config", header = "Engine settings: what they are and where each value came from.",
        description = "Engine settings: config show prints them and where each value came from.", subcommands = ConfigCommand.Show.class)
final class ConfigCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "show", header = "Prints the effective settings and where each value came from.",
            description = {"Prints the effective settings and where each value came from: built-in default < config/hvmigrate.properties "
                    + "(or .yaml) < your settings file < HVMIGRATE_* environment variables < command-line flags. Secrets are masked."})
    @ExitCodes({})
    static final class Show extends BaseCommand {

        @Mixin
        OutputOption output;

        @Override
        public Integer call() {
            EngineSettings s = settings();
            if (jsonOutput()) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                ArrayNode list = root.putArray("settings");
                for (EngineSettings.Value v : s.all()) {
                    ObjectNode o = list.addObject();
                    o.put("key", v.setting().key());
                    o.put("value", v.shown());
                    o.put("source", v.layer().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                    o.put("origin", v.origin());
                    o.put("environmentVariable", v.setting().environmentVariable());
                    o.put("description", v.setting().description());
                }
                out().println(root.toPrettyString());
            } else {
                int w = s.all().stream().mapToInt(v -> v.setting().key().length()).max().orElse(10);
                int vw = Math.max(5, s.all().stream().mapToInt(v -> v.shown().length()).max().orElse(5));
                out().println(String.format("%-" + w + "s  %-" + vw + "s  %s", "SETTING", "VALUE", "FROM"));
                for (EngineSettings.Value v : s.all()) {
                    String from = v.layer().words() + (v.layer() == EngineSettings.Layer.DEFAULT ? "" : " (" + v.origin() + ")");
                    out().println(String.format("%-" + w + "s  %-" + vw + "s  %s", v.setting().key(), v.shown().isEmpty() ? "-" : v.shown(), from));
                }
            }
            return ExitCode.OK.code();
        }
    }
}
