package io.hvmigrate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.hvmigrate.engine.RunRecord;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.world.ClusterGroupInfo;
import io.hvmigrate.sim.world.HostInfo;
import io.hvmigrate.sim.world.VmInfo;
import io.hvmigrate.sim.world.VmPowerState;
import io.hvmigrate.sim.world.WorldException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The lab tour ({@code playbooks/lab-tour.yaml} on {@code config/fleets/lab.yaml}) as a wave the end-to-end tests
 * interrupt — killed, stopped — and what must hold of the fleet whatever interrupted it: every VM exactly once,
 * running, not migrating, on its source or its destination, and highly available with its priority if it was before
 * (the one move allowed to end unprotected, on its destination, excepted).
 */
final class LabTourWave {
    private LabTourWave() {}

    static final Path FLEET = Path.of("config/fleets/lab.yaml");
    static final String PLAYBOOK = "playbooks/lab-tour.yaml";
    static final List<String> TOUR = List.of("app-a1", "web-a2", "file-s1", "dev-s2", "db-a3", "rpt-b2", "new-s3");
    /** The tour's VMs whose moves add a cluster role (S5, S7): their add-ha answers with the verification. */
    static final List<String> ADDS_HA = List.of("db-a3", "new-s3");
    /** The tour's one move that may end unprotected: cluster to a standalone host, allowUnprotected in the playbook. */
    static final String MAY_END_UNPROTECTED = "rpt-b2";
    static final Map<String, String> DESTINATION = Map.of("app-a1", "HV-A2", "web-a2", "HV-A3", "file-s1", "HV-S2",
            "dev-s2", "HV-S3", "db-a3", "HV-B1", "rpt-b2", "HV-S2", "new-s3", "HV-B2");

    /** Where a VM of the tour stood before the wave: its host, whether it was a clustered role and its priority. */
    record Before(String host, boolean clustered, Integer priority) {}

    static Map<String, Before> before(SimFleet sim) throws WorldException {
        Map<String, Before> before = new LinkedHashMap<>();
        for (String vm : TOUR) {
            VmInfo v = sim.world().findVm(vm).orElseThrow();
            before.put(vm, new Before(v.computerName(), v.isClustered(), v.isClustered() ? role(sim, v).map(ClusterGroupInfo::priority).orElse(null) : null));
        }
        return before;
    }

    /** What is wrong with the fleet after the wave; empty when every invariant holds. */
    static List<String> invariants(SimFleet sim, Map<String, Before> before) throws WorldException {
        List<String> wrong = new ArrayList<>();
        for (String vm : TOUR) {
            List<VmInfo> copies = new ArrayList<>();
            for (HostInfo h : sim.world().hosts()) {
                sim.world().vms(h.name()).stream().filter(v -> v.name().equalsIgnoreCase(vm)).forEach(copies::add);
            }
            if (copies.size() != 1) {
                wrong.add(vm + " exists " + copies.size() + " times");
                continue;
            }
            VmInfo v = copies.getFirst();
            Before b = before.get(vm);
            boolean atSource = v.computerName().equalsIgnoreCase(b.host());
            boolean atDestination = v.computerName().equalsIgnoreCase(DESTINATION.get(vm));
            if (!atSource && !atDestination) {
                wrong.add(vm + " is on " + v.computerName() + ", neither its source " + b.host() + " nor its destination " + DESTINATION.get(vm));
            }
            if (v.state() != VmPowerState.Running) {
                wrong.add(vm + " is " + v.state());
            }
            if (v.migrationPercent() >= 0) {
                wrong.add(vm + " is still migrating");
            }
            String cluster = sim.world().vmHost(v.computerName()).cluster();
            boolean mayBeUnprotected = vm.equals(MAY_END_UNPROTECTED) && atDestination;
            if (b.clustered() && !mayBeUnprotected) {
                if (cluster == null || !v.isClustered()) {
                    wrong.add(vm + " was highly available and is not on " + v.computerName());
                } else {
                    Integer priority = role(sim, v).map(ClusterGroupInfo::priority).orElse(null);
                    if (priority == null) {
                        wrong.add(vm + " is marked clustered but " + cluster + " has no role for it");
                    } else if (!priority.equals(b.priority())) {
                        wrong.add(vm + "'s role has priority " + priority + ", it had " + b.priority());
                    }
                }
            }
        }
        return wrong;
    }

    /** The host a VM of the tour is on now. */
    static String hostOf(SimFleet sim, String vm) {
        return sim.world().findVm(vm).orElseThrow().computerName();
    }

    /** The clustered role of a VM, on the cluster of the node it is on. */
    static Optional<ClusterGroupInfo> role(SimFleet sim, VmInfo v) {
        try {
            String cluster = sim.world().vmHost(v.computerName()).cluster();
            return cluster == null ? Optional.empty() : Optional.of(sim.world().clusters().groupOfVm(cluster, v.id()));
        } catch (WorldException e) {
            return Optional.empty();
        }
    }

    /** The run an interrupted engine left unfinished, if it got as far as writing its journal. */
    static Path unfinishedRun(Path runs) throws IOException {
        for (Path p : RunRecord.list(runs)) {
            if (!RunRecord.read(p).finished()) {
                return p;
            }
        }
        return null;
    }

    /** A JSON event of the run: {@code event} for the step of the VM's move. */
    static Predicate<JsonNode> step(String event, String step, String vm) {
        return e -> event.equals(e.path("event").asText()) && step.equals(e.path("step").asText()) && vm.equals(e.path("vm").asText());
    }
}
