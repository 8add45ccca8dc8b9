package io.hvmigrate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.load.ApprovedPlanFormat;
import io.hvmigrate.load.Units;
import io.hvmigrate.plan.Plan;
import io.hvmigrate.plan.Planner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan", header = "Shows what a playbook would do: scenario, steps, hosts and PowerShell. Contacts nothing.",
        description = {"Shows what a playbook would do: each move's scenario (S1-S7) and why, its steps, the host each runs on,",
                "and its PowerShell. Contacts nothing. With --out it also writes the plan for approval: run --plan carries out",
                "exactly those moves.", "",
                "Exit codes: 0 every move can be planned (or is already done), 2 invalid input, 3 some moves are refused."})
final class PlanCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "the playbook (YAML)")
    Path playbook;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY", description = "the inventory (YAML); default: the inventory setting")
    Path inventory;

    @Option(names = "--facts", paramLabel = "FILE", description = "a facts snapshot (YAML or JSON) to plan against")
    Path facts;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text or json; default: the output setting")
    String output;

    @Option(names = "--out", paramLabel = "PLAN.json",
            description = "also write the plan for approval: the moves as resolved, the digests of the playbook, inventory and facts, an expiry and a digest of it all; run --plan carries it out")
    Path out;

    @Option(names = "--valid-for", paramLabel = "DURATION", description = "how long a plan written with --out may be run (7d, 36h, 90m); default: 7d")
    String validFor;

    @Option(names = "--full-scripts", description = "in text output, print each script with its envelope (JSON output always has them in full)")
    boolean fullScripts;

    @Override
    Map<String, String[]> settingFlags() {
        return Map.of("output", new String[] {output, "--output"});
    }

    @Override
    public Integer call() throws IOException {
        var settings = settings();
        Path inv = inventory != null ? inventory : pathSetting("inventory");
        Path f = facts != null ? facts : pathSetting("facts");
        Duration valid = validity();
        Inputs in = Inputs.load(playbook, inv, f, true);
        Plan plan = new Planner(in.inventory(), in.facts()).plan(in.playbook());
        boolean json = "json".equalsIgnoreCase(settings.get("output"));
        if (json) {
            out().println(PlanOutput.json(plan, inv, f).toPrettyString());
        } else {
            PlanOutput.text(plan, inv, f, fullScripts, Colors.of(settings.get("color")), out());
        }
        if (out != null) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            ObjectNode doc = ApprovedPlanFormat.seal(PlanOutput.json(plan, inv, f), new ApprovedPlanFormat.Approval(now, now.plus(valid),
                    playbook.toAbsolutePath().normalize(), ApprovedPlanFormat.fileDigest(playbook), inv.toAbsolutePath().normalize(),
                    ApprovedPlanFormat.inventoryDigest(in.inventory()), f.toAbsolutePath().normalize(), ApprovedPlanFormat.factsDigest(in.facts())));
            Files.writeString(out, Json.MAPPER.writeValueAsString(doc) + "\n", StandardCharsets.UTF_8);
            if (!json) {
                out().println();
                out().println("Plan for approval written to " + out + " (" + doc.path("digest").asText() + "), valid until "
                        + doc.path("approval").path("expiresAt").asText() + ". hvmigrate run --plan " + out + " carries out these moves and no others.");
                if (plan.anyRefused()) {
                    out().println("Its refused moves stay refused: run --plan needs --skip-refused to run the others.");
                }
            }
        }
        out().flush();
        return plan.anyRefused() ? ExitCode.REFUSED.code() : ExitCode.OK.code();
    }

    /** --valid-for: days ("7d") or a duration as settings write them ("36h", "90m", "PT36H"). */
    private Duration validity() {
        if (validFor == null) {
            return Duration.ofDays(7);
        }
        if (out == null) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "--valid-for goes with --out (it is how long the written plan may be run)");
        }
        Duration d = validFor.trim().matches("\\d+[dD]") ? Duration.ofDays(Long.parseLong(validFor.trim().replaceAll("[dD]", "")))
                : Units.duration(validFor);
        if (d == null || d.isZero() || d.isNegative()) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "--valid-for " + validFor + ": not a duration; write 7d, 36h, 90m or PT36H");
        }
        return d;
    }
}
