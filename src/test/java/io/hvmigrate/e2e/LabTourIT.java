package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.cli.Main;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.world.ClusterGroupInfo;
import io.hvmigrate.sim.world.VmInfo;
import io.hvmigrate.sim.world.VmPowerState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab tour end to end: the engine, as a user runs it, against the simulated fleet over WinRM/HTTPS with NTLM and
 * certificate validation — discovery, planning, the seven scenarios, verification — then the fleet itself is asked
 * where every VM is and whether it is highly available. A second run of the same playbook changes nothing.
 * {@link LabTourOverHttpIT} makes the same tour over WinRM's default listener (plain HTTP, every message sealed).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabTourIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    Path dir;
    SimFleet sim;
    LabFiles.Written files;

    /** How the fleet is started: HTTPS endpoints, time 200 times faster. */
    SimFleet.Options fleetOptions() {
        return SimFleet.Options.defaults().withTimeScale(200);
    }

    @BeforeAll
    void startFleet(@TempDir Path dir) throws Exception {
        this.dir = dir;
        sim = SimFleet.start(Path.of("config/fleets/lab.yaml"), fleetOptions());
        files = LabFiles.write(sim, dir.resolve("lab"), LabFiles.serviceAccount(sim));
    }

    @AfterAll
    void stopFleet() {
        if (sim != null) {
            sim.close();
        }
    }

    record Result(int exit, List<JsonNode> events, String err, String out) {}

    Result run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-i", files.inventory().toString(), "-o", "json", "--set", "runs.dir=" + dir.resolve("runs")));
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("HOME", dir.toString()));
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (line.startsWith("{")) {
                events.add(JSON.readTree(line));
            }
        }
        return new Result(code, events, err.toString(), out.toString());
    }

    VmInfo where(String vm) {
        return sim.world().findVm(vm).orElseThrow(() -> new AssertionError("VM " + vm + " is gone from the fleet"));
    }

    Optional<ClusterGroupInfo> role(String cluster, VmInfo vm) {
        try {
            return Optional.of(sim.world().clusters().groupOfVm(cluster, vm.id()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Test
    @Order(1)
    void allSevenScenariosMoveAndVerify() throws Exception {
        VmInfo dbBefore = where("db-a3");
        int dbPriority = role("CLA", dbBefore).orElseThrow().priority();

        Result r = run("run", "playbooks/lab-tour.yaml");

        assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isZero();
        JsonNode end = r.events().getLast();
        assertThat(end.path("event").asText()).isEqualTo("run-finished");
        // S1, S2: the cluster moved the role; the VM stays highly available in CLA
        assertThat(where("app-a1").computerName()).isEqualToIgnoringCase("HV-A2");
        assertThat(role("CLA", where("app-a1"))).get().extracting(ClusterGroupInfo::ownerNode).asString().isEqualToIgnoringCase("HV-A2");
        assertThat(where("web-a2").computerName()).isEqualToIgnoringCase("HV-A3");
        assertThat(role("CLA", where("web-a2"))).isPresent();
        // S3, S4: standalone hosts
        assertThat(where("file-s1").computerName()).isEqualToIgnoringCase("HV-S2");
        assertThat(where("dev-s2").computerName()).isEqualToIgnoringCase("HV-S3");
        assertThat(where("dev-s2").path()).isEqualToIgnoringCase("D:\\VMs\\dev-s2");
        // S5: off CLA, onto CLB's CSV, highly available again with its priority
        VmInfo db = where("db-a3");
        assertThat(db.computerName()).isEqualToIgnoringCase("HV-B1");
        assertThat(db.path()).startsWithIgnoringCase("C:\\ClusterStorage\\Volume1\\db-a3");
        assertThat(role("CLA", db)).isEmpty();
        assertThat(role("CLB", db)).get().extracting(ClusterGroupInfo::priority).isEqualTo(dbPriority);
        // S6: a standalone host now, unprotected as the playbook allows
        assertThat(where("rpt-b2").computerName()).isEqualToIgnoringCase("HV-S2");
        assertThat(where("rpt-b2").isClustered()).isFalse();
        // S7: made highly available on CLB
        assertThat(where("new-s3").computerName()).isEqualToIgnoringCase("HV-B2");
        assertThat(role("CLB", where("new-s3"))).isPresent();
        for (String vm : List.of("app-a1", "web-a2", "file-s1", "dev-s2", "db-a3", "rpt-b2", "new-s3")) {
            assertThat(where(vm).state()).as(vm).isEqualTo(VmPowerState.Running);
        }
        // the run's folder, not the locks folder beside it (the listing's order is the file system's)
        Path report = Files.list(dir.resolve("runs")).map(d -> d.resolve("report.json")).filter(Files::exists).findFirst().orElseThrow();
        assertThat(JSON.readTree(report.toFile()).path("moves")).hasSize(7);
    }

    @Test
    @Order(2)
    void runningThePlaybookAgainChangesNothing() throws Exception {
        Map<String, String> before = placement();

        Result r = run("run", "playbooks/lab-tour.yaml");

        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        assertThat(r.events()).filteredOn(e -> e.path("event").asText().equals("step-started")).isEmpty();
        JsonNode states = r.events().getLast().path("states");
        assertThat(states.path("skipped").asInt()).as(r.events().toString()).isEqualTo(7);
        assertThat(placement()).isEqualTo(before);
    }

    private Map<String, String> placement() {
        Map<String, String> m = new java.util.TreeMap<>();
        for (String vm : List.of("app-a1", "web-a2", "file-s1", "dev-s2", "db-a3", "rpt-b2", "new-s3")) {
            VmInfo v = where(vm);
            m.put(vm, v.computerName() + " " + v.path() + " " + v.isClustered());
        }
        return m;
    }
}
