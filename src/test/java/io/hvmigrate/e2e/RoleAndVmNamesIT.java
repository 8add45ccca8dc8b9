package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.world.ClusterGroupInfo;
import io.hvmigrate.sim.world.VmInfo;
import io.hvmigrate.sim.world.VmPowerState;
import io.hvmigrate.sim.world.fleet.FaultSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles and VMs as administrators name them. SCVMM names a VM's role "SCVMM <vm> Resources" and administrators rename
 * roles: the role is found from the VM's cluster resource (Get-ClusterResource, VmID), moved and removed by its own
 * name, and put back — on the destination cluster (S5) or, after a failure, on the source — with that name, its
 * priority, preferred owners, anti-affinity class names and failover settings. A VM is addressed by its Id: Get-VM
 * -Name takes wildcards (Get-VM.md, about_Wildcards), so "web[1]" would also mean "web1" and "db`1" would mean "db1".
 */
class RoleAndVmNamesIT {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;
    SimFleet sim;
    LabFiles.Written files;
    Path runs;

    @BeforeEach
    void startFleet() throws Exception {
        sim = SimFleet.start(fleet(), SimFleet.Options.defaults().withTimeScale(200));
        files = LabFiles.write(sim, dir.resolve("lab"), LabFiles.serviceAccount(sim));
        runs = dir.resolve("runs");
    }

    @AfterEach
    void stopFleet() {
        if (sim != null) {
            sim.close();
        }
    }

    /** The lab fleet with its roles named otherwise than their VMs, and three VMs whose names are wildcard patterns. */
    private Path fleet() throws Exception {
        ObjectNode lab = (ObjectNode) YAML.readTree(Path.of("config/fleets/lab.yaml").toFile());
        ArrayNode vms = (ArrayNode) lab.path("vms");
        for (JsonNode v : vms) {
            if (!(v.get("clusterGroup") instanceof ObjectNode g)) {
                continue;
            }
            switch (v.path("name").asText()) {
                case "app-a1" -> g.put("name", "SCVMM app-a1 Resources").set("antiAffinityClassNames", YAML.valueToTree(List.of("Tier1")));
                case "web-a2" -> g.put("name", "Web front end");   // renamed by hand
                case "db-a3" -> {
                    g.put("name", "SCVMM db-a3 Resources").put("failoverThreshold", 3).put("failoverPeriod", 2).put("autoFailbackType", 1);
                    g.set("antiAffinityClassNames", YAML.valueToTree(List.of("SQL", "Tier1")));
                }
                case "rpt-b2" -> g.put("name", "SCVMM rpt-b2 Resources").set("antiAffinityClassNames", YAML.valueToTree(List.of("Reports")));
                default -> { }
            }
        }
        for (String name : List.of("web[1]", "web1", "db`1")) {
            String folder = "\\\\FS1\\vmstore\\" + name.replaceAll("[^a-z0-9]", "-");
            ObjectNode v = vms.addObject();
            v.put("name", name).put("host", "HV-S1").put("path", folder);
            v.putArray("disks").addObject().put("path", folder + "\\Virtual Hard Disks\\disk.vhdx").put("sizeGB", 20);
            v.putArray("switches").add("LAN");
        }
        Path file = dir.resolve("names-fleet.yaml");
        YAML.writeValue(file.toFile(), lab);
        return file;
    }

    private Path playbook(String name, String moves) throws Exception {
        Path p = dir.resolve(name + ".yaml");
        Files.writeString(p, """
                version: 1
                name: %s
                policy:
                  authentication: kerberos
                  migrationNetwork: 198.51.100.0/24
                  retries: { attempts: 2, backoff: 100ms }
                  ha: { makeHighlyAvailable: true, keepPriority: true }
                moves:
                %s""".formatted(name, moves.indent(2)));
        return p;
    }

    private ClusterGroupInfo roleOf(String cluster, String vm) throws Exception {
        return sim.world().clusters().groupOfVm(cluster, sim.world().findVm(vm).orElseThrow().id());
    }

    private List<String> roleNames(String cluster) throws Exception {
        return sim.world().clusters().groups(cluster).stream().map(ClusterGroupInfo::name).toList();
    }

    private static List<String> upper(List<String> names) {
        return names.stream().map(n -> n.toUpperCase(Locale.ROOT)).toList();
    }

    @Test
    void rolesNamedOtherwiseThanTheirVmsMoveInEveryScenarioThatTouchesARole() throws Exception {
        ClusterGroupInfo db = roleOf("CLA", "db-a3");
        Path p = playbook("role-names", """
                - { vm: app-a1, to: hv-a2 }
                - { vm: web-a2, to: hv-a1 }
                - { vm: db-a3, to: hv-b1, storagePath: 'C:\\ClusterStorage\\Volume1\\db-a3' }
                - { vm: rpt-b2, to: hv-s2, storagePath: 'D:\\VMs\\rpt-b2', allowUnprotected: true }
                """);

        EngineRun.Result r = EngineRun.run(files, runs, e -> { }, "run", p.toString());

        assertThat(r.exit()).as("%s %s", r.last(), r.err()).isZero();
        // S1, S2: the cluster moved each role by its own name
        ClusterGroupInfo app = roleOf("CLA", "app-a1");
        assertThat(app.name()).isEqualTo("SCVMM app-a1 Resources");
        assertThat(app.ownerNode()).isEqualToIgnoringCase("HV-A2");
        assertThat(app.antiAffinityClassNames()).containsExactly("Tier1");
        ClusterGroupInfo web = roleOf("CLA", "web-a2");
        assertThat(web.name()).isEqualTo("Web front end");
        assertThat(web.ownerNode()).isEqualToIgnoringCase("HV-A1");
        // S5: the role is added on CLB under its name, with its priority, anti-affinity classes and failover settings
        VmInfo moved = sim.world().findVm("db-a3").orElseThrow();
        assertThat(moved.computerName()).isEqualToIgnoringCase("HV-B1");
        ClusterGroupInfo onB = roleOf("CLB", "db-a3");
        assertThat(onB.name()).isEqualTo("SCVMM db-a3 Resources");
        assertThat(onB.priority()).isEqualTo(db.priority());
        assertThat(onB.antiAffinityClassNames()).containsExactly("SQL", "Tier1");
        assertThat(List.of(onB.failoverThreshold(), onB.failoverPeriod(), (long) onB.autoFailbackType())).containsExactly(3L, 2L, 1L);
        assertThat(roleNames("CLB")).doesNotContain("db-a3");
        assertThat(roleNames("CLA")).doesNotContain("SCVMM db-a3 Resources", "db-a3");
        // S6: the role is gone from CLB and the VM runs on the standalone host
        VmInfo rpt = sim.world().findVm("rpt-b2").orElseThrow();
        assertThat(rpt.computerName()).isEqualToIgnoringCase("HV-S2");
        assertThat(rpt.isClustered()).isFalse();
        assertThat(roleNames("CLB")).doesNotContain("SCVMM rpt-b2 Resources", "rpt-b2");
        // the journal recorded the roles' real names and settings
        List<JsonNode> journal = EngineRun.journal(EngineRun.runDir(runs, r));
        assertThat(journal).filteredOn(j -> "role-recorded".equals(j.path("type").asText()))
                .extracting(j -> j.path("role").path("group").asText())
                .containsExactlyInAnyOrder("SCVMM db-a3 Resources", "SCVMM rpt-b2 Resources");
    }

    @Test
    void aFailedMoveRestoresTheRoleOnTheSourceUnderItsNameWithItsSettings() throws Exception {
        sim.world().clusters().setPreferredOwners("CLA", "SCVMM db-a3 Resources", List.of("HV-A3", "HV-A1"));
        ClusterGroupInfo before = roleOf("CLA", "db-a3");
        sim.world().injectMigrationFailure(new FaultSpec.MigrationFailure("db-a3", 40, null, null, true));
        Path p = playbook("role-names-failure", """
                - { vm: db-a3, to: hv-b1, storagePath: 'C:\\ClusterStorage\\Volume1\\db-a3' }
                """);

        EngineRun.Result r = EngineRun.run(files, runs, e -> { }, "run", p.toString());

        assertThat(r.exit()).as("%s %s", r.last(), r.err()).isEqualTo(1);
        VmInfo v = sim.world().findVm("db-a3").orElseThrow();
        assertThat(v.computerName()).isEqualToIgnoringCase("HV-A3");
        assertThat(v.state()).isEqualTo(VmPowerState.Running);
        ClusterGroupInfo after = roleOf("CLA", "db-a3");
        assertThat(after.name()).isEqualTo("SCVMM db-a3 Resources");
        assertThat(after.priority()).isEqualTo(before.priority());
        assertThat(upper(after.preferredOwners())).containsExactly("HV-A3", "HV-A1");
        assertThat(after.antiAffinityClassNames()).containsExactly("SQL", "Tier1");
        assertThat(List.of(after.failoverThreshold(), after.failoverPeriod(), (long) after.autoFailbackType())).containsExactly(3L, 2L, 1L);
        assertThat(roleNames("CLA")).doesNotContain("db-a3");
        JsonNode move = EngineRun.report(EngineRun.runDir(runs, r)).path("moves").get(0);
        assertThat(move.path("detail").asText()).contains("its role SCVMM db-a3 Resources was restored on CLA");
    }

    @Test
    void vmsWhoseNamesAreWildcardPatternsMoveAndOnlyThey() throws Exception {
        UUID web1 = sim.world().findVm("web1").orElseThrow().id();
        Path p = playbook("vm-names", """
                - { vm: 'web[1]', to: hv-s2 }
                - { vm: 'db`1', to: hv-s2 }
                """);

        EngineRun.Result r = EngineRun.run(files, runs, e -> { }, "run", p.toString());

        assertThat(r.exit()).as("%s %s", r.last(), r.err()).isZero();
        assertThat(sim.world().findVm("web[1]").orElseThrow().computerName()).isEqualToIgnoringCase("HV-S2");
        assertThat(sim.world().findVm("db`1").orElseThrow().computerName()).isEqualToIgnoringCase("HV-S2");
        VmInfo stayed = sim.world().findVm("web1").orElseThrow();
        assertThat(stayed.id()).isEqualTo(web1);
        assertThat(stayed.computerName()).as("web[1] as a pattern matches web1; it must not have moved").isEqualToIgnoringCase("HV-S1");
    }
}
