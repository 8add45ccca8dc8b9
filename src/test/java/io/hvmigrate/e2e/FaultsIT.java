package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hvmigrate.engine.HostConnections;
import io.hvmigrate.load.InventoryFormat;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.powershell.StepScripts;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.world.ClusterGroupInfo;
import io.hvmigrate.sim.world.VmInfo;
import io.hvmigrate.sim.world.VmPowerState;
import io.hvmigrate.sim.world.WorldException;
import io.hvmigrate.sim.world.fleet.HostSpec;
import io.hvmigrate.sim.wsman.TransportFault;
import io.hvmigrate.sim.wsman.TransportFaultRules;
import io.hvmigrate.sim.wsman.WsmanAction;
import io.hvmigrate.sim.wsman.WsmanFault;
import io.hvmigrate.transport.Secrets;
import io.hvmigrate.transport.TransportException;
import io.hvmigrate.transport.WinRmTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine under injected faults, over WinRM4J/HTTPS against hvsim: retries only for transient failures and only
 * where sending again is safe, the circuit breaker opening on a host that keeps failing (without standing in the way of
 * restoring a VM's role), a Move-VM whose answer is lost never sent again, and refused credentials retried only as a
 * short blip of a host that accepted them before.
 */
class FaultsIT {
    private static final TransportFault HTTP_500 =
            TransportFault.fail(WsmanFault.internalError("The WS-Management service cannot process the request. "));

    @TempDir
    Path dir;
    SimFleet sim;
    LabFiles.Written files;
    Path runs;

    @BeforeEach
    void startFleet() throws Exception {
        sim = SimFleet.start(Path.of("config/fleets/lab.yaml"), SimFleet.Options.defaults().withTimeScale(200));
        files = LabFiles.write(sim, dir.resolve("lab"), LabFiles.serviceAccount(sim));
        runs = dir.resolve("runs");
    }

    @AfterEach
    void stopFleet() {
        sim.close();
    }

    private Path playbook(String name, int attempts, String move) throws Exception {
        Path p = dir.resolve(name + ".yaml");
        Files.writeString(p, """
                version: 1
                name: %s
                policy:
                  authentication: kerberos
                  migrationNetwork: 198.51.100.0/24
                  retries: { attempts: %d, backoff: 50ms }
                  ha: { makeHighlyAvailable: true, keepPriority: true }
                moves:
                %s""".formatted(name, attempts, move));
        return p;
    }

    /** S3: file-s1 from HV-S1 to HV-S2 on shared SMB storage; verification runs on HV-S2. */
    private Path fileS1(String name, int attempts) throws Exception {
        return playbook(name, attempts, "  - { vm: file-s1, to: hv-s2 }\n");
    }

    private static List<JsonNode> records(List<JsonNode> journal, String type) {
        return journal.stream().filter(j -> type.equals(j.path("type").asText())).toList();
    }

    @Test
    void http500OnAReadStepIsRetriedAndTheRunSucceedsWithTheRetriesInTheJournal() throws Exception {
        Path pb = fileS1("read-500", 3);

        EngineRun.Result r = EngineRun.run(files, runs, e -> {
            if ("run-started".equals(e.path("event").asText())) {
                // after discovery: the next two commands HV-S2 receives (the verification) are refused with HTTP 500
                sim.transportRules().add(new TransportFaultRules.Rule("hv-s2.lab.test", WsmanAction.COMMAND, 2, HTTP_500));
            }
        }, "run", pb.toString());

        assertThat(r.exit()).as("%s %s", r.last(), r.err()).isZero();
        assertThat(sim.world().findVm("file-s1").orElseThrow().computerName()).isEqualToIgnoringCase("HV-S2");
        List<JsonNode> retries = records(EngineRun.journal(EngineRun.runDir(runs, r)), "retry");
        assertThat(retries).hasSize(2).allSatisfy(j -> {
            assertThat(j.path("step").asText()).isEqualTo("verify");
            assertThat(j.path("host").asText()).isEqualTo("hv-s2");
            assertThat(j.path("kind").asText()).isEqualTo("REJECTED");
            assertThat(j.path("error").asText()).contains("WS-Management fault");
        });
        assertThat(retries).extracting(j -> j.path("attempt").asInt()).containsExactly(1, 2);
        // the report counts them too, for schedulers that read report.json
        JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                EngineRun.runDir(runs, r).resolve("report.json").toFile());
        assertThat(report.path("retries").asInt()).isEqualTo(2);
        assertThat(report.path("moves").get(0).path("retries").asInt()).isEqualTo(2);
    }

    @Test
    void aHostInHttp500ModeAnswersAWsManagementFaultAsWindowsDoesSoTheCommandIsKnownNotToHaveRun() throws Exception {
        sim.world().setTransportFault("HV-S1", new HostSpec.TransportFault(HostSpec.TransportFaultMode.http500, null));
        Inventory inv = InventoryFormat.load(files.inventory());
        try (WinRmTransport t = new WinRmTransport(inv, new Secrets(Map.of(), w -> { }), WinRmTransport.Settings.DEFAULT);
             HostConnections c = new HostConnections(t, inv, HostConnections.Settings.DEFAULT)) {
            c.retryPolicy(1, Duration.ofMillis(10));
            assertThatThrownBy(() -> c.run("hv-s1", StepScripts.migrationJobs(), Duration.ofSeconds(30), false))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TransportException.Kind.REJECTED);
                        assertThat(e.kind().mayHaveRun()).isFalse();
                        assertThat(e.getMessage()).contains("The WS-Management service cannot process the request");
                    });
        }
    }

    @Test
    void theCircuitBreakerOpensOnAHostThatKeepsFailingAndTheRoleIsStillRestoredThroughIt() throws Exception {
        Path pb = playbook("breaker", 5, "  - { vm: db-a3, to: hv-b1, storagePath: 'C:\\ClusterStorage\\Volume1\\db-a3' }\n");
        VmInfo vm = sim.world().findVm("db-a3").orElseThrow();
        ClusterGroupInfo before = sim.world().clusters().groupOfVm("CLA", vm.id());

        EngineRun.Result r = EngineRun.run(files, runs, e -> {
            if (EngineRun.is(e, "step-finished", "remove-ha", "db-a3")) {
                sim.transportRules().always("hv-a3.lab.test", WsmanAction.COMMAND, HTTP_500);   // the source starts failing
            }
            if (EngineRun.is(e, "step-finished", "migrate", "db-a3")) {
                sim.transportRules().clear();   // ... and recovers, while its breaker is still open
            }
        }, "run", pb.toString());

        assertThat(r.exit()).as("%s %s", r.last(), r.err()).isEqualTo(1);
        List<JsonNode> journal = EngineRun.journal(EngineRun.runDir(runs, r));
        int opened = indexOf(journal, j -> "breaker".equals(j.path("type").asText()) && "hv-a3".equals(j.path("host").asText())
                && "OPEN".equals(j.path("to").asText()));
        int restored = indexOf(journal, j -> "step-end".equals(j.path("type").asText()) && "restore-ha".equals(j.path("step").asText())
                && "ok".equals(j.path("outcome").asText()));
        assertThat(opened).as("the breaker of hv-a3 opened").isNotNegative();
        assertThat(restored).as("the role was restored after it opened").isGreaterThan(opened);
        assertThat(journal.get(opened).path("why").asText()).contains("calls failed");
        assertThat(r.named("notice")).extracting(e -> e.path("message").asText()).anyMatch(m -> m.startsWith("hv-a3: circuit breaker closed -> open"));
        VmInfo after = sim.world().findVm("db-a3").orElseThrow();
        assertThat(after.computerName()).isEqualToIgnoringCase("HV-A3");
        assertThat(after.state()).isEqualTo(VmPowerState.Running);
        ClusterGroupInfo role = sim.world().clusters().groupOfVm("CLA", after.id());
        assertThat(role.priority()).isEqualTo(before.priority());
        assertThat(role.preferredOwners()).containsExactlyElementsOf(before.preferredOwners());
    }

    private static int indexOf(List<JsonNode> journal, java.util.function.Predicate<JsonNode> p) {
        for (int i = 0; i < journal.size(); i++) {
            if (p.test(journal.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aMoveVmWhoseAnswerIsLostIsNeverSentAgainTheHostsAreAskedAndTheMoveGoesOn() throws Exception {
        Path pb = fileS1("lost-answer", 3);

        EngineRun.Result r = EngineRun.run(files, runs, e -> {
            try {
                if (EngineRun.is(e, "step-started", "migrate", "file-s1")) {
                    // HV-S1 starts every command it is sent, then drops the connection without answering
                    sim.world().setTransportFault("HV-S1", new HostSpec.TransportFault(HostSpec.TransportFaultMode.dropAfterAccept, null));
                }
                if (EngineRun.is(e, "step-finished", "migrate", "file-s1")) {
                    sim.world().setTransportFault("HV-S1", new HostSpec.TransportFault(HostSpec.TransportFaultMode.none, null));
                }
            } catch (WorldException ex) {
                throw new IllegalStateException(ex);
            }
        }, "run", pb.toString());

        assertThat(r.exit()).as("%s %s", r.last(), r.err()).isZero();
        assertThat(sim.world().findVm("file-s1").orElseThrow().computerName()).isEqualToIgnoringCase("HV-S2");
        assertThat(sim.world().migrationHistory()).as("Move-VM reached the host once, and only once")
                .filteredOn(m -> "file-s1".equalsIgnoreCase(m.vmName())).hasSize(1);
        List<JsonNode> journal = EngineRun.journal(EngineRun.runDir(runs, r));
        assertThat(journal).filteredOn(j -> "step-start".equals(j.path("type").asText()) && "migrate".equals(j.path("step").asText())).hasSize(1);
        assertThat(journal).anyMatch(j -> "step-end".equals(j.path("type").asText()) && "migrate".equals(j.path("step").asText())
                && "unknown".equals(j.path("outcome").asText()));
        assertThat(records(journal, "retry")).noneMatch(j -> "migrate".equals(j.path("step").asText()));
        assertThat(journal).anyMatch(j -> "notice".equals(j.path("type").asText()) && j.path("message").asText().contains("asking both hosts"));
        assertThat(journal).anyMatch(j -> "step-end".equals(j.path("type").asText()) && "locate".equals(j.path("step").asText())
                && j.path("data").path("present").asBoolean());
    }

    @Test
    void credentialsRefusedByAHostThatAcceptedThemBeforeAreRetriedForABoundedBlipThenAClearError() throws Exception {
        Path pb = fileS1("auth", 3);

        EngineRun.Result r = EngineRun.run(files, runs, e -> {
            if ("run-started".equals(e.path("event").asText())) {
                try {
                    sim.world().setTransportFault("HV-S2", new HostSpec.TransportFault(HostSpec.TransportFaultMode.authFailure, null));
                } catch (WorldException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }, "run", pb.toString());

        assertThat(r.exit()).as("%s %s", r.last(), r.err()).isEqualTo(1);
        Path runDir = EngineRun.runDir(runs, r);
        JsonNode move = EngineRun.report(runDir).path("moves").get(0);
        assertThat(move.path("detail").asText()).contains("hv-s2").contains("refused the credentials");
        // HV-S2 answered discovery, so its refusal may be a blip: asked again once a second, for 10 s at most
        List<JsonNode> retries = records(EngineRun.journal(runDir), "retry");
        assertThat(retries).isNotEmpty().hasSizeLessThanOrEqualTo(11).allSatisfy(j -> {
            assertThat(j.path("kind").asText()).isEqualTo("AUTHENTICATION");
            assertThat(j.path("waitMs").asLong()).isEqualTo(1000);
        });
        JsonNode started = r.named("step-started").stream().filter(e -> "verify".equals(e.path("step").asText())).findFirst().orElseThrow();
        JsonNode finished = r.named("step-finished").stream().filter(e -> "verify".equals(e.path("step").asText())).findFirst().orElseThrow();
        Duration took = Duration.between(Instant.parse(started.path("ts").asText()), Instant.parse(finished.path("ts").asText()));
        assertThat(took).as("given up once the blip allowance has passed").isBetween(Duration.ofSeconds(9), Duration.ofSeconds(20));
    }
}
