package io.hvmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.plan.MoveJob;
import io.hvmigrate.plan.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the verification step accepts as a finished move, from what the destination reports. */
class VerificationTest {
    private static final MoveJob S5 = new MoveJob("m005", "2f1c6c39-6a27-4b5e-9b6e-0c2f3c9a0105", "db01", "hv-a1", "HV-A1", "CLA", "hv-b1",
            "hv-b1.lab.test", "HV-B1", "CLB", Scenario.S5, "C:\\ClusterStorage\\Volume1\\db01",
            new MoveJob.Role("db01", "HV-A1", 3000, List.of("HV-A1")), 3000, "db01", "Running", 8L << 30, 60L << 30);

    private static JsonNode reported(int priority) throws Exception {
        return new ObjectMapper().readTree("""
                {"name":"db01","host":"HV-B1","state":"Running","clustered":true,"path":"C:\\\\ClusterStorage\\\\Volume1\\\\db01",
                 "disks":["C:\\\\ClusterStorage\\\\Volume1\\\\db01\\\\db01.vhdx"],"owner":"HV-B1","groupState":"Online","priority":%d}
                """.formatted(priority));
    }

    @Test
    void aRoleAddedWithTheKeptPriorityPasses() throws Exception {
        assertThat(MoveExecutor.verificationProblem(S5, reported(3000))).isNull();
    }

    @Test
    void aRoleThatLostItsPriorityOnTheDestinationFailsVerification() throws Exception {
        assertThat(MoveExecutor.verificationProblem(S5, reported(2000))).isEqualTo("its role's priority is 2000, not 3000");
    }

    @Test
    void aFailureGivesItsHresultOnceEvenWhenWindowsEndsItsMessageWithIt() {
        var worded = new io.hvmigrate.powershell.StepResult.Failed(
                "The operation failed: no connection could be made (0x8007274C).", "ConnectionError", 0x8007274CL, null, null);
        assertThat(MoveExecutor.describe(worded)).isEqualTo("The operation failed: no connection could be made (0x8007274C).");
        var bare = new io.hvmigrate.powershell.StepResult.Failed("The operation failed.", "ConnectionError", 0x8007274CL, null, null);
        assertThat(MoveExecutor.describe(bare)).isEqualTo("The operation failed. (0x8007274C)");
    }
}
