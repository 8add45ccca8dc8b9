package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.world.VmInfo;
import io.hvmigrate.sim.world.VmPowerState;
import io.hvmigrate.sim.wsman.TransportFault;
import io.hvmigrate.sim.wsman.TransportFaultRules;
import io.hvmigrate.sim.wsman.WsmanAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure after a host accepted a command leaves its outcome unknown, never "not run": the engine asks the hosts
 * (waiting, bounded, until one answers) where the VM is and finishes the move from there. Here an S5 move (db-a3 from
 * cluster CLA to CLB) meets authentication failures while Move-VM runs; it must end with the VM clustered on the
 * destination or back on its source, never unprotected.
 */
class AmbiguousFailuresIT {
    private static final String VM = "db-a3";

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

    private Path playbook() throws Exception {
        Path p = dir.resolve("s5.yaml");
        Files.writeString(p, """
                version: 1
                name: ambiguous-s5
                policy:
                  authentication: kerberos
                  migrationNetwork: 198.51.100.0/24
                  retries: { attempts: 3, backoff: 100ms }
                  ha: { makeHighlyAvailable: true, keepPriority: true }
                moves:
                  - vm: db-a3
                    to: hv-b1
                    storagePath: 'C:\\ClusterStorage\\Volume1\\db-a3'
                """);
        return p;
    }

    /** Clears the run-time transport faults after {@code d}, on its own thread (the engine goes on meanwhile). */
    private void clearAfter(Duration d) {
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(d);
            } catch (InterruptedException e) {
                return;
            }
            sim.transportRules().clear();
        });
    }

    private void assertClusteredOnDestinationAndReportedDone(EngineRun.Result r) throws Exception {
        assertThat(r.exit()).as("%s %s %s", r.last(), r.err(), EngineRun.report(EngineRun.runDir(runs, r))).isZero();
        VmInfo v = sim.world().findVm(VM).orElseThrow();
        assertThat(v.computerName()).isEqualToIgnoringCase("HV-B1");
        assertThat(v.state()).isEqualTo(VmPowerState.Running);
        assertThat(v.isClustered()).as("clustered on the destination").isTrue();
        assertThat(sim.world().clusters().groupOfVm("CLB", v.id())).isNotNull();
        assertThat(sim.world().migrationHistory()).as("Move-VM reached the host once, and only once")
                .filteredOn(m -> VM.equalsIgnoreCase(m.vmName())).hasSize(1);
        JsonNode move = EngineRun.report(EngineRun.runDir(runs, r)).path("moves").get(0);
        assertThat(move.path("state").asText()).isEqualTo("done");
    }

    @Test
    void http401OnAReceiveOfTheRunningMoveVmIsOutcomeUnknownAndTheVmEndsClusteredOnTheDestination() throws Exception {
        EngineRun.Result r = EngineRun.run(files, runs, e -> {
            if (EngineRun.is(e, "step-started", "migrate", VM)) {
                // the source accepted Move-VM; from now on, for two seconds, it refuses the credentials on every Receive
                sim.transportRules().always("hv-a3.lab.test", WsmanAction.RECEIVE, TransportFault.rejectAuthentication());
                clearAfter(Duration.ofSeconds(2));
            }
        }, "run", playbook().toString());

        assertClusteredOnDestinationAndReportedDone(r);
        List<JsonNode> journal = EngineRun.journal(EngineRun.runDir(runs, r));
        assertThat(journal).as("the migration's end was journaled as unknown, not as not run")
                .anyMatch(j -> "step-end".equals(j.path("type").asText()) && "migrate".equals(j.path("step").asText())
                        && "unknown".equals(j.path("outcome").asText()))
                .noneMatch(j -> "step-end".equals(j.path("type").asText()) && "migrate".equals(j.path("step").asText())
                        && "not-run".equals(j.path("outcome").asText()));
    }

    @Test
    void bothHostsRefusingCredentialsForSecondsWhileMoveVmRunsStillEndsWithTheRoleOnTheDestination() throws Exception {
        EngineRun.Result r = EngineRun.run(files, runs, e -> {
            if (EngineRun.is(e, "step-started", "migrate", VM)) {
                // an authentication blip on both hosts, long enough to open their circuit breakers
                sim.transportRules().add(new TransportFaultRules.Rule("hv-a3.lab.test", WsmanAction.RECEIVE, -1, TransportFault.rejectAuthentication()));
                sim.transportRules().add(new TransportFaultRules.Rule("hv-b1.lab.test", null, -1, TransportFault.rejectAuthentication()));
                clearAfter(Duration.ofSeconds(4));
            }
        }, "run", playbook().toString());

        assertClusteredOnDestinationAndReportedDone(r);
    }

    @Test
    void anAddHaWhoseAnswerWasLostAndWhoseRetriesWereRefusedIsJournaledUnknownAndTheDestinationDecides() throws Exception {
        EngineRun.Result r = EngineRun.run(files, runs, e -> {
            if (EngineRun.is(e, "step-started", "add-ha", VM)) {
                // Add-ClusterVirtualMachineRole runs, its answer is lost; every retry is then refused for a while
                sim.transportRules().once("hv-b1.lab.test", WsmanAction.COMMAND, TransportFault.dropResponse());
                sim.transportRules().always("hv-b1.lab.test", WsmanAction.COMMAND,
                        TransportFault.fail(io.hvmigrate.sim.wsman.WsmanFault.internalError("The WS-Management service cannot process the request. ")));
                clearAfter(Duration.ofMillis(1500));
            }
        }, "run", playbook().toString());

        assertClusteredOnDestinationAndReportedDone(r);
        JsonNode addHa = EngineRun.journal(EngineRun.runDir(runs, r)).stream()
                .filter(j -> "step-end".equals(j.path("type").asText()) && "add-ha".equals(j.path("step").asText()))
                .findFirst().orElseThrow();
        assertThat(addHa.path("outcome").asText()).as("the first attempt may have run").isEqualTo("unknown");
        assertThat(addHa.path("failedAttempts")).extracting(a -> a.path("kind").asText())
                .startsWith("OUTCOME_UNKNOWN").contains("REJECTED");
    }
}
