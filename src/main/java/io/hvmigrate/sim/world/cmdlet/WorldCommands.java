package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.CmdletInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The commands hvsim's world provides, keyed by name in lower case (PowerShell resolves command names
 * case-insensitively). An explicit list: adding a cmdlet means adding a line here.
 */
public final class WorldCommands {
    private WorldCommands() {}

    public static Map<String, CmdletInfo> all() {
        List<CmdletInfo> infos = List.of(
                GetVmHost.info(), SetVmHost.info(), EnableVmMigration.info(), DisableVmMigration.info(),
                GetVmMigrationNetwork.info(), AddVmMigrationNetwork.info(), SetVmMigrationNetwork.info(),
                RemoveVmMigrationNetwork.info(), GetVm.info(), CompareVm.info(), MoveVm.info(),
                GetVmHostSupportedVersion.info(), GetVmDvdDrive.info(), SetVmDvdDrive.info(),
                GetCluster.info(), GetClusterNode.info(), GetClusterGroup.info(),
                MoveClusterVirtualMachineRole.info(), RemoveClusterGroup.info(), AddClusterVirtualMachineRole.info(),
                GetClusterOwnerNode.info(), SetClusterOwnerNode.info(), SuspendClusterNode.info(),
                GetClusterResource.info(), GetClusterParameter.info(),
                ResumeClusterNode.info(),
                GetAdComputer.info(), GetAdDomain.info(), GetAdForest.info(), GetAdTrust.info(), GetAdUser.info(), SetAdComputer.info(), SetAdObject.info(), SetAdAccountControl.info(),
                GetCimInstance.info(), InvokeCimMethod.info(), TestPath.info(), Klist.info(),
                GetVmSwitch.info(), GetNetIpAddress.info(), GetVolume.info(), GetItem.info(), GetVhd.info(),
                GetClusterSharedVolume.info());
        Map<String, CmdletInfo> byName = new LinkedHashMap<>();
        for (CmdletInfo i : infos) {
            if (byName.put(i.name().toLowerCase(Locale.ROOT), i) != null) {
                throw new IllegalStateException("two commands named " + i.name());
            }
        }
        return Map.copyOf(byName);
    }

    /**
     * Native programs of a simulated host, keyed by name in lower case: {@code klist} (and {@code klist.exe}), which a
     * runspace should resolve as an application, so {@code klist purge -li 0x3e7} passes its arguments as typed.
     */
    public static Map<String, io.hvmigrate.sim.ps.NativeCommand> natives() {
        io.hvmigrate.sim.ps.NativeCommand klist = Klist.nativeCommand();
        return Map.of("klist", klist, "klist.exe", klist);
    }
}
