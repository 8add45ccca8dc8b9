package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsType;
import java.util.LinkedHashMap;
import java.util.Map;

/** The .NET types and enums of the cmdlets' parameters and outputs. */
final class Types {
    private Types() {}

    static final PsType CREDENTIAL = PsType.objectOf("System.Management.Automation.PSCredential");
    static final PsType CREDENTIAL_ARRAY = PsType.arrayOf(CREDENTIAL);
    static final PsType CIM_SESSION = PsType.objectOf("Microsoft.Management.Infrastructure.CimSession");
    static final PsType CIM_SESSION_ARRAY = PsType.arrayOf(CIM_SESSION);
    static final PsType CIM_INSTANCE = PsType.objectOf("Microsoft.Management.Infrastructure.CimInstance");
    static final PsType VIRTUAL_MACHINE = PsType.objectOf("Microsoft.HyperV.PowerShell.VirtualMachine");
    static final PsType VIRTUAL_MACHINE_ARRAY = PsType.arrayOf(VIRTUAL_MACHINE);
    static final PsType COMPATIBILITY_REPORT = PsType.objectOf("Microsoft.HyperV.PowerShell.VMCompatibilityReport");
    static final PsType HASHTABLE_ARRAY = PsType.arrayOf(PsType.HASHTABLE);
    static final PsType UINT32_ARRAY = PsType.arrayOf(PsType.UINT32);
    static final PsType PSOBJECT = PsType.objectOf("System.Management.Automation.PSObject");
    static final PsType STRING_COLLECTION = PsType.objectOf("System.Collections.Specialized.StringCollection");
    static final PsType AD_COMPUTER = PsType.objectOf("Microsoft.ActiveDirectory.Management.ADComputer");
    static final PsType AD_ACCOUNT = PsType.objectOf("Microsoft.ActiveDirectory.Management.ADAccount");
    static final PsType AD_OBJECT = PsType.objectOf("Microsoft.ActiveDirectory.Management.ADObject");
    static final PsType AD_PRINCIPAL_ARRAY = PsType.arrayOf(
            PsType.objectOf("Microsoft.ActiveDirectory.Management.ADPrincipal"));
    static final PsType IDICTIONARY = PsType.objectOf("System.Collections.IDictionary");

    static final PsEnum VM_STATE = enumOf("Microsoft.HyperV.PowerShell.VMState",
            io.hvmigrate.sim.world.VmPowerState.values());
    static final PsEnum MIGRATION_AUTH = new PsEnum("Microsoft.HyperV.PowerShell.MigrationAuthenticationType",
            ordered("CredSSP", 0, "Kerberos", 1));
    static final PsEnum MIGRATION_PERFORMANCE = new PsEnum("Microsoft.HyperV.PowerShell.VMMigrationPerformance",
            ordered("TCPIP", 0, "Compression", 1, "SMB", 2));
    static final PsEnum SWITCH_TYPE = new PsEnum("Microsoft.HyperV.PowerShell.VMSwitchType",
            ordered("Private", 0, "Internal", 1, "External", 2));
    static final PsEnum COMPATIBILITY_OPERATION = new PsEnum("Microsoft.HyperV.PowerShell.OperationType",
            ordered("MoveVirtualMachine", 0, "ImportVirtualMachine", 1, "MoveVirtualMachineAndStorage", 2));
    static final PsEnum CLUSTER_NODE_STATE = new PsEnum("Microsoft.FailoverClusters.PowerShell.ClusterNodeState",
            ordered("Unknown", -1, "Up", 0, "Down", 1, "Paused", 2, "Joining", 3));
    static final PsEnum NODE_DRAIN_STATUS = new PsEnum("Microsoft.FailoverClusters.PowerShell.NodeDrainStatus",
            ordered("NotInitiated", 0, "InProgress", 1, "Completed", 2, "Failed", 3));
    static final PsEnum CLUSTER_GROUP_STATE = new PsEnum("Microsoft.FailoverClusters.PowerShell.ClusterGroupState",
            ordered("Unknown", -1, "Online", 0, "Offline", 1, "Failed", 2, "PartialOnline", 3, "Pending", 4));
    static final PsEnum GROUP_TYPE = new PsEnum("Microsoft.FailoverClusters.PowerShell.GroupType",
            ordered("Cluster", 1, "AvailableStorage", 2, "Temporary", 3, "ClusterSharedVolume", 4,
                    "ClusterStoragePool", 5, "FileServer", 100, "VirtualMachine", 111, "Unknown", 9999));
    static final PsEnum CLUSTER_VM_MIGRATION_TYPE = new PsEnum(
            "Microsoft.FailoverClusters.PowerShell.VmMigrationType",
            ordered("TurnOff", 0, "Quick", 1, "Shutdown", 2, "ShutdownForce", 3, "Live", 4));
    static final PsEnum FAILBACK_TYPE = new PsEnum(
            "Microsoft.FailoverClusters.PowerShell.ResumeClusterNodeFailbackType",
            ordered("NoFailback", 0, "Immediate", 1, "Policy", 2));
    static final PsEnum TEST_PATH_TYPE = new PsEnum("Microsoft.PowerShell.Commands.TestPathType",
            ordered("Any", 0, "Container", 1, "Leaf", 2));

    private static Map<String, Long> ordered(Object... pairs) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return m;
    }

    private static PsEnum enumOf(String name, io.hvmigrate.sim.world.VmPowerState[] values) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (var v : values) {
            m.put(v.name(), (long) v.number);
        }
        return new PsEnum(name, m);
    }
}
