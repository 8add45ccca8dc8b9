package io.hvmigrate.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.model.Facts.HostFacts;
import io.hvmigrate.model.Facts.VmFacts;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioClassifierTest {

    private final Topology topology = new Topology(TestFleet.FACTS);
    private final ScenarioClassifier classifier = new ScenarioClassifier(topology);

    /** vm, destination, storagePath, allowUnprotected, makeHighlyAvailable, expected outcome, expected storage path */
    static Stream<Arguments> table() {
        return Stream.of(
                // the seven scenarios
                Arguments.of("csvha", "a2", null, false, true, "S1", null),
                Arguments.of("smbha", "a2", null, false, true, "S2", null),
                Arguments.of("mixedha", "a1", null, false, true, "S1", null),
                Arguments.of("smbplain", "s2", null, false, true, "S3", null),
                Arguments.of("csvplain", "a2", null, false, true, "S3", null),
                Arguments.of("localvm", "s2", null, false, true, "S4", "D:\\Hyper-V\\localvm"),
                Arguments.of("localvm", "s2", "F:\\Fast\\localvm", false, true, "S4", "F:\\Fast\\localvm"),
                Arguments.of("localplain", "a2", null, false, true, "S4", "D:\\Hyper-V\\localplain"),
                Arguments.of("smbplain", "s2", "D:\\VMs\\smbplain", false, true, "S4", "D:\\VMs\\smbplain"),
                Arguments.of("localvm", "b1", null, false, false, "S4", "C:\\ProgramData\\Microsoft\\Windows\\Hyper-V\\localvm"),
                Arguments.of("localvm", "s3", null, false, true, "S4", "C:\\ProgramData\\Microsoft\\Windows\\Hyper-V\\localvm"),
                Arguments.of("localvm", "c1", null, false, true, "S4", "C:\\ProgramData\\Microsoft\\Windows\\Hyper-V\\localvm"),
                Arguments.of("odd:name?", "s2", null, false, true, "S4", "D:\\Hyper-V\\odd_name_"),
                Arguments.of("csvha", "b1", null, false, true, "S5", "C:\\ClusterStorage\\Volume1\\csvha"),
                Arguments.of("smbha", "b1", null, false, true, "S5", null),
                Arguments.of("onlyaha", "b1", null, false, true, "S5", "C:\\ClusterStorage\\Volume1\\onlyaha"),
                Arguments.of("csvha", "b2", "\\\\sofs\\shared\\csvha", false, true, "S5", "\\\\sofs\\shared\\csvha"),
                Arguments.of("csvha", "s1", null, true, true, "S6", "E:\\VMs\\csvha"),
                Arguments.of("smbha", "s1", null, true, true, "S6", null),
                Arguments.of("localvm", "b1", null, false, true, "S7", "C:\\ClusterStorage\\Volume1\\localvm"),
                Arguments.of("smbplain", "b1", null, false, true, "S7", null),
                // nothing to do
                Arguments.of("csvha", "a1", null, false, true, "ALREADY_IN_PLACE", null),
                Arguments.of("localvm", "s1", "D:\\VMs\\localvm\\", false, true, "ALREADY_IN_PLACE", null),
                // refusals
                Arguments.of("localplain", "a1", "D:\\Elsewhere", false, true, "STORAGE_ONLY_MOVE", null),
                Arguments.of("csvha", "a3", null, false, true, "DESTINATION_NOT_UP", null),
                Arguments.of("csvha", "a2", "C:\\ClusterStorage\\Volume2\\csvha", false, true, "IN_CLUSTER_STORAGE_PATH", null),
                Arguments.of("localha", "a1", null, false, true, "CLUSTERED_VM_NOT_ON_CLUSTER_STORAGE", null),
                Arguments.of("csvha", "b1", "D:\\VMs\\csvha", false, true, "DESTINATION_PATH_NOT_CLUSTER_STORAGE", null),
                Arguments.of("smbha", "b1", "\\\\sofs\\partial\\smbha", false, true, "DESTINATION_PATH_NOT_CLUSTER_STORAGE", null),
                Arguments.of("localvm", "s2", "\\\\fs\\s1only\\localvm", false, true, "DESTINATION_PATH_NOT_REACHABLE", null),
                Arguments.of("s1share", "s2", null, false, true, "SHARE_NOT_REACHABLE", null),
                Arguments.of("unknownshare", "s2", null, false, true, "UNKNOWN_FILE_SERVER", null),
                Arguments.of("localvm", "n1", null, false, true, "NO_CLUSTER_STORAGE", null),
                Arguments.of("csvha", "s1", null, false, true, "WOULD_LEAVE_UNPROTECTED", null),
                Arguments.of("localvm", "t1", null, false, true, "NO_FOREST_TRUST", null),
                Arguments.of("contosovm", "s1", null, false, true, "NO_FOREST_TRUST", null),
                Arguments.of("localvm", "x1", null, false, true, "EXTERNAL_TRUST_ONLY", null));
    }

    @ParameterizedTest(name = "{0} → {1} (storagePath {2}, allowUnprotected {3}, makeHA {4}) is {5}")
    @MethodSource("table")
    @DisplayName("classifies every scenario and refusal")
    void classifies(String vmName, String destination, String storagePath, boolean allowUnprotected, boolean makeHa,
                    String expected, String expectedPath) {
        VmFacts vm = TestFleet.FACTS.vms().stream().filter(v -> v.name().equals(vmName)).findFirst().orElseThrow();
        HostFacts src = topology.host(vm.host()).orElseThrow();
        HostFacts dst = topology.host(destination).orElseThrow();

        Classification c = classifier.classify(new MoveRequest(vm, src, dst, storagePath, null, allowUnprotected, makeHa));

        String outcome = switch (c) {
            case Classification.Planned p -> p.scenario().name();
            case Classification.AlreadyInPlace a -> "ALREADY_IN_PLACE";
            case Classification.Refused r -> r.code().name();
        };
        assertThat(outcome).as("outcome, reasons: %s", c).isEqualTo(expected);
        if (c instanceof Classification.Planned p) {
            assertThat(p.storagePath()).isEqualTo(expectedPath);
            assertThat(p.reasons()).isNotEmpty().allSatisfy(r -> assertThat(r).isNotBlank());
        }
        if (c instanceof Classification.Refused r) {
            assertThat(r.reason()).isNotBlank();
            assertThat(r.fix()).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storageRoots")
    void storageRootGivesEachVmItsOwnFolder(String vmName, String destination, String expected) {
        VmFacts vm = TestFleet.FACTS.vms().stream().filter(v -> v.name().equals(vmName)).findFirst().orElseThrow();
        Classification c = classifier.classify(new MoveRequest(vm, topology.host(vm.host()).orElseThrow(),
                topology.host(destination).orElseThrow(), null, "X:\\Pool\\", false, true));
        assertThat(c).isInstanceOfSatisfying(Classification.Planned.class, p -> assertThat(p.storagePath()).isEqualTo(expected));
    }

    static Stream<Arguments> storageRoots() {
        return Stream.of(Arguments.of("localvm", "s2", "X:\\Pool\\localvm"), Arguments.of("odd:name?", "s2", "X:\\Pool\\odd_name_"));
    }
}
