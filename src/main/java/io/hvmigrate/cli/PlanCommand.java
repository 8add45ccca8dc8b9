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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", header = "Shows what a playbook would do: scenario, steps, hosts and PowerShell. Contacts nothing.",
        description = {"Shows what a playbook would do: each move's scenario (S1-S7) and why, its steps, the host each runs on, "
                + "and its PowerShell. It plans against a facts snapshot (--facts, or the facts setting) and contacts nothing.",
                "With --out it also writes the plan for approval: run --plan carries out exactly those moves."})
@ExitCodes(ExitCode.REFUSED)
final class PlanCommand extends BaseCommand {

    @Mixin
    PlaybookArgument playbook;

    @Mixin
    InventoryOption inventory;

    @Mixin
    FactsOption facts;

    @Mixin
    OutputOption output;

    @Option(names = "--out", paramLabel = "PLAN.json",
            description = "also write the plan for approval: the moves as resolved, the digests of the playbook, inventory and facts, an expiry and a digest of it all; run --plan carries it out")
    Path out;

    @Option(names = "--valid-for", paramLabel = "DURATION", description = "how long a plan written with --out may be run (7d, 36h, 90m); default: 7d")
    String validFor;

    @Option(names = "--full-scripts", description = "in text output, print each script with its envelope (JSON output always has them in full)")
    boolean fullScripts;

    @Override
    public Integer call() throws IOException {
        var settings = settings();
        Path inv = inventory.orSetting(this);
        Path f = facts.file != null ? facts.file : pathSetting("facts");
        Duration valid = validity();
        Inputs in = Inputs.load(playbook.file, inv, f, true);
        Plan plan = new Planner(in.inventory(), in.facts()).plan(in.playbook());
        boolean json = jsonOutput();
        if (json) {
            out().println(PlanOutput.json(plan, inv, f).toPrettyString());
        } else {
            PlanOutput.text(plan, inv, f, fullScripts, Colors.of(settings.get("color")), out());
        }
        if (out != null) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            ObjectNode doc = ApprovedPlanFormat.seal(PlanOutput.json(plan, inv, f), new ApprovedPlanFormat.Approval(now, now.plus(valid),
                    playbook.file.toAbsolutePath().normalize(), ApprovedPlanFormat.fileDigest(playbook.file), inv.toAbsolutePath().normalize(),
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
