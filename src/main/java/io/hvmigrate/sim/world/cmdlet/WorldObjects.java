package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.PsNumber;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.ClusterGroupInfo;
import io.hvmigrate.sim.world.ClusterInfo;
import io.hvmigrate.sim.world.ClusterNodeInfo;
import io.hvmigrate.sim.world.CompatibilityReport;
import io.hvmigrate.sim.world.HostInfo;
import io.hvmigrate.sim.world.Incompatibility;
import io.hvmigrate.sim.world.MigrationJobInfo;
import io.hvmigrate.sim.world.MigrationNetwork;
import io.hvmigrate.sim.world.VmInfo;
import io.hvmigrate.sim.world.VmPowerState;
import io.hvmigrate.sim.world.ad.ComputerAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The .NET objects the cmdlets write, with Windows' type names, property names and property types. */
final class WorldObjects {
    private WorldObjects() {}

    private static final long MB = 1024L * 1024L;

    static PsNumber.Unsigned uint32(long v) {
        return new PsNumber.Unsigned(PsType.UINT32, v);
    }

    static PsNumber.Unsigned uint16(long v) {
        return new PsNumber.Unsigned(PsType.UINT16, v);
    }

    private static PsObject typed(String... names) {
        List<String> all = new ArrayList<>(List.of(names));
        all.add("System.Object");
        return new PsObject(all);
    }

    /** Microsoft.HyperV.PowerShell.VirtualMachine. Memory properties are bytes (Int64), as Hyper-V reports them. */
    static PsObject vm(VmInfo v) {
        PsObject o = typed("Microsoft.HyperV.PowerShell.VirtualMachine",
                "Microsoft.HyperV.PowerShell.VirtualizationObject");
        String status = v.migrationPercent() >= 0 ? "Migrating - " + v.migrationPercent() + "% completed"
                : "Operating normally";
        o.put("Name", v.name()).put("Id", v.id()).put("VMId", v.id()).put("VMName", v.name())
                .put("ComputerName", v.computerName())
                .put("State", Types.VM_STATE.byNumber(v.state().number).orElseThrow())
                .put("Status", status)
                .put("StatusDescriptions", List.<Object>of(status))
                .put("IsClustered", v.isClustered())
                .put("Path", v.path()).put("ConfigurationLocation", v.path())
                .put("SnapshotFileLocation", v.path()).put("SmartPagingFilePath", v.path())
                .put("SmartPagingFileInUse", false)
                .put("Version", v.version()).put("Generation", v.generation())
                .put("MemoryStartup", v.memoryStartupMB() * MB)
                .put("MemoryAssigned", v.memoryAssignedMB() * MB)
                .put("MemoryDemand", v.state() == VmPowerState.Running ? v.memoryAssignedMB() * MB * 3 / 4 : 0L)
                .put("DynamicMemoryEnabled", false)
                .put("ProcessorCount", (long) v.processorCount())
                .put("Uptime", v.uptime());
        List<Object> drives = new ArrayList<>();
        int location = 0;
        for (VmInfo.DiskInfo d : v.disks()) {
            drives.add(typed("Microsoft.HyperV.PowerShell.HardDiskDrive").put("Name", "Hard Drive on SCSI "
                    + "controller number 0 at location " + location).put("Path", d.path())
                    .put("ControllerType", "SCSI").put("ControllerNumber", 0).put("ControllerLocation", location++)
                    .put("VMName", v.name()).put("VMId", v.id()).put("ComputerName", v.computerName())
                    .toStringValue("HardDiskDrive (Name = 'Hard Drive on SCSI controller number 0 at location "
                            + (location - 1) + "') VMName = '" + v.name() + "'"));
        }
        o.put("HardDrives", drives);
        List<Object> dvds = new ArrayList<>();
        for (VmInfo.DvdInfo d : v.dvdDrives()) {
            dvds.add(dvdDrive(v, d));
        }
        o.put("DVDDrives", dvds);
        List<Object> nics = new ArrayList<>();
        for (String sw : v.switches()) {
            nics.add(typed("Microsoft.HyperV.PowerShell.VMNetworkAdapter").put("Name", "Network Adapter")
                    .put("SwitchName", sw).put("VMName", v.name()).put("VMId", v.id())
                    .put("ComputerName", v.computerName()));
        }
        o.put("NetworkAdapters", nics);
        o.put("PrimaryOperationalStatus", "Ok");
        o.put("OperationalStatus", List.<Object>of("Ok"));
        o.toStringValue("VirtualMachine (Name = '" + v.name() + "') [Id = '" + v.id() + "']");
        return o;
    }

    /** Microsoft.HyperV.PowerShell.DvdDrive: generation 1 VMs have theirs on IDE, generation 2 on SCSI. */
    static PsObject dvdDrive(VmInfo v, VmInfo.DvdInfo d) {
        String controller = v.generation() == 1 ? "IDE" : "SCSI";
        String name = "DVD Drive on " + controller + " controller number " + d.controllerNumber() + " at location "
                + d.controllerLocation();
        return typed("Microsoft.HyperV.PowerShell.DvdDrive").put("Name", name).put("Path", d.path())
                .put("DvdMediaType", d.path() == null ? "None" : "ISO").put("ControllerType", controller)
                .put("ControllerNumber", d.controllerNumber()).put("ControllerLocation", d.controllerLocation())
                .put("VMName", v.name()).put("VMId", v.id()).put("ComputerName", v.computerName())
                .toStringValue("DvdDrive (Name = '" + name + "') VMName = '" + v.name() + "'");
    }

    /** Microsoft.HyperV.PowerShell.VMHost. */
    static PsObject vmHost(HostInfo h) {
        PsObject o = typed("Microsoft.HyperV.PowerShell.VMHost");
        o.put("Name", h.name()).put("ComputerName", h.name()).put("FullyQualifiedDomainName", h.fqdn())
                .put("VirtualMachineMigrationEnabled", h.migrationEnabled())
                .put("VirtualMachineMigrationAuthenticationType",
                        Types.MIGRATION_AUTH.of(h.authenticationType().name()))
                .put("VirtualMachineMigrationPerformanceOption",
                        Types.MIGRATION_PERFORMANCE.of(h.performanceOption().name()))
                .put("UseAnyNetworkForMigration", h.useAnyNetworkForMigration())
                .put("MaximumVirtualMachineMigrations", uint32(h.maximumVirtualMachineMigrations()))
                .put("MaximumStorageMigrations", uint32(h.maximumStorageMigrations()))
                .put("VirtualMachinePath", h.virtualMachinePath())
                .put("VirtualHardDiskPath", h.virtualHardDiskPath())
                .put("SupportedVmVersions", new ArrayList<Object>(h.supportedVersions()))
                .put("NumaSpanningEnabled", true)
                .put("MemoryCapacity", h.memoryTotalMB() * MB)
                .put("LogicalProcessorCount", 64);
        o.toStringValue(h.name());
        return o;
    }

    /** Microsoft.HyperV.PowerShell.VMMigrationNetwork. */
    static PsObject migrationNetwork(String host, MigrationNetwork n) {
        return typed("Microsoft.HyperV.PowerShell.VMMigrationNetwork").put("Subnet", n.subnet())
                .put("Priority", n.priority()).put("ComputerName", host).put("IsDeleted", false)
                .toStringValue(n.subnet());
    }

    /** Microsoft.HyperV.PowerShell.VMHostSupportedVersion. */
    static PsObject supportedVersion(String version, boolean isDefault) {
        PsObject v = typed("System.Version").put("Major", Integer.parseInt(version.split("\\.")[0]))
                .put("Minor", Integer.parseInt(version.split("\\.")[1])).toStringValue(version);
        return typed("Microsoft.HyperV.PowerShell.VMHostSupportedVersion").put("Name", releaseOf(version))
                .put("Version", v).put("IsDefault", isDefault).toStringValue(releaseOf(version));
    }

    private static String releaseOf(String version) {
        return switch (version) {
            case "5.0" -> "Microsoft Windows 8.1/Server 2012 R2";
            case "6.2" -> "Microsoft Windows 10 1507/Server 2016 Technical Preview 3";
            case "7.0" -> "Microsoft Windows 10 1511/Server 2016 Technical Preview 4";
            case "7.1" -> "Microsoft Windows 10 1511/Server 2016 Technical Preview 5";
            case "8.0" -> "Microsoft Windows 10 Anniversary Update/Server 2016";
            case "8.1" -> "Microsoft Windows 10 Creators Update";
            case "8.2" -> "Microsoft Windows 10 Fall Creators Update/Server 1709";
            case "8.3" -> "Microsoft Windows 10 April 2018 Update/Server 1803";
            case "9.0" -> "Microsoft Windows 10 October 2018 Update/Server 2019";
            case "9.1" -> "Microsoft Windows 10 May 2019 Update/Server 1903";
            case "9.2" -> "Microsoft Windows 10 November 2019 Update/Server 1909";
            case "9.3" -> "Microsoft Windows 10 May 2020 Update/Server 2004";
            case "10.0" -> "Microsoft Windows 10 May 2021 Update/Server 2022";
            case "11.0" -> "Microsoft Windows 11 2022 Update";
            default -> "Microsoft Windows Server 2025";
        };
    }

    /** Microsoft.HyperV.PowerShell.VMCompatibilityReport, with its VMCompatibilityError entries. */
    static PsObject compatibilityReport(CompatibilityReport r) {
        PsObject vm = vm(r.vm());
        List<Object> items = new ArrayList<>();
        for (Incompatibility i : r.incompatibilities()) {
            Object source = switch (i.source()) {
                case "VMNetworkAdapter" -> ((List<?>) vm.get("NetworkAdapters").orElseThrow()).stream()
                        .map(Object.class::cast)
                        .filter(a -> ((PsObject) a).get("SwitchName").map(s -> s.toString()
                                .equalsIgnoreCase(i.sourceName())).orElse(false)).findFirst().orElse((Object) vm);
                case "HardDiskDrive" -> ((List<?>) vm.get("HardDrives").orElseThrow()).stream()
                        .map(Object.class::cast)
                        .filter(a -> ((PsObject) a).get("Path").map(s -> s.toString()
                                .equalsIgnoreCase(i.sourceName())).orElse(false)).findFirst().orElse((Object) vm);
                default -> vm;
            };
            items.add(typed("Microsoft.HyperV.PowerShell.VMCompatibilityError").put("Message", i.message())
                    .put("MessageId", i.messageId()).put("Source", source).toStringValue(i.message()));
        }
        return typed("Microsoft.HyperV.PowerShell.VMCompatibilityReport").put("VM", vm)
                .put("OperationType", Types.COMPATIBILITY_OPERATION.of(r.operationType()))
                .put("Destination", r.destination()).put("Path", r.path()).put("SnapshotPath", r.path())
                .put("VhdDestinationPath", null).put("VhdSourcePath", null).put("Incompatibilities", items);
    }

    /** Microsoft.FailoverClusters.PowerShell.Cluster. */
    static PsObject cluster(ClusterInfo c) {
        return typed("Microsoft.FailoverClusters.PowerShell.Cluster").put("Name", c.name())
                .put("Domain", c.domain()).put("Id", java.util.UUID.nameUUIDFromBytes(c.fqdn().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)).toString())
                .put("MaximumParallelMigrations", uint32(c.maximumParallelMigrations()))
                .put("SharedVolumesRoot", "C:\\ClusterStorage")
                .toStringValue(c.name());
    }

    /** Microsoft.FailoverClusters.PowerShell.ClusterNode. */
    static PsObject node(ClusterNodeInfo n) {
        return typed("Microsoft.FailoverClusters.PowerShell.ClusterNode").put("Name", n.name())
                .put("NodeName", n.name()).put("Id", String.valueOf(n.id())).put("Cluster", n.cluster())
                .put("State", Types.CLUSTER_NODE_STATE.of(n.state()))
                .put("DrainStatus", Types.NODE_DRAIN_STATUS.of(n.drainStatus()))
                .toStringValue(n.name());
    }

    /** Microsoft.FailoverClusters.PowerShell.ClusterGroup; OwnerNode is a ClusterNode object, as on Windows. */
    static PsObject group(ClusterGroupInfo g, ClusterNodeInfo owner) {
        return typed("Microsoft.FailoverClusters.PowerShell.ClusterGroup").put("Name", g.name())
                .put("OwnerNode", node(owner)).put("State", Types.CLUSTER_GROUP_STATE.of(g.state()))
                .put("GroupType", Types.GROUP_TYPE.of("VirtualMachine"))
                .put("Priority", uint32(g.priority())).put("Cluster", g.cluster()).put("Id", g.id().toString())
                .put("IsCoreGroup", false)
                .put("AntiAffinityClassNames", new ArrayList<Object>(g.antiAffinityClassNames()))
                .put("FailoverThreshold", uint32(g.failoverThreshold())).put("FailoverPeriod", uint32(g.failoverPeriod()))
                .put("AutoFailbackType", uint32(g.autoFailbackType()))
                .toStringValue(g.name());
    }

    /** Microsoft.FailoverClusters.PowerShell.ClusterOwnerNodeList. */
    static PsObject ownerNodes(String clusterObject, List<PsObject> owners) {
        return typed("Microsoft.FailoverClusters.PowerShell.ClusterOwnerNodeList")
                .put("ClusterObject", clusterObject).put("OwnerNodes", new ArrayList<Object>(owners));
    }

    /** Microsoft.ActiveDirectory.Management.ADComputer with the default properties and the ones asked for. */
    static PsObject adComputer(ComputerAccount c, List<String> properties) {
        return adComputer(c, properties, null);
    }

    /** LDAP attributes (by ldapDisplayName) of ADComputer that Get-ADComputer leaves out when they have no value. */
    private static final java.util.Set<String> LDAP_MULTI_VALUED = java.util.Set.of("msDS-AllowedToDelegateTo",
            "servicePrincipalName", "msDS-AllowedToActOnBehalfOfOtherIdentity");

    /** ADComputer; {@code whenChanged} (and its alias {@code Modified}) when asked for and known. */
    static PsObject adComputer(ComputerAccount c, List<String> properties, java.time.Instant whenChanged) {
        PsObject o = typed("Microsoft.ActiveDirectory.Management.ADComputer",
                "Microsoft.ActiveDirectory.Management.ADAccount", "Microsoft.ActiveDirectory.Management.ADPrincipal",
                "Microsoft.ActiveDirectory.Management.ADObject",
                "Microsoft.ActiveDirectory.Management.ADEntity");
        o.put("DistinguishedName", c.distinguishedName()).put("DNSHostName", c.dnsHostName()).put("Enabled", true)
                .put("Name", c.name()).put("ObjectClass", "computer").put("ObjectGUID", c.objectGuid())
                .put("SamAccountName", c.samAccountName()).put("SID", "S-1-5-21-" + Math.abs(c.objectGuid()
                        .getMostSignificantBits() % 1_000_000_000L))
                .put("UserPrincipalName", null);
        boolean all = properties.stream().anyMatch(p -> p.equals("*"));
        for (String prop : List.of("msDS-AllowedToDelegateTo", "servicePrincipalName", "ServicePrincipalNames",
                "userAccountControl", "TrustedForDelegation", "TrustedToAuthForDelegation", "AccountNotDelegated",
                "PrincipalsAllowedToDelegateToAccount", "msDS-AllowedToActOnBehalfOfOtherIdentity")) {
            if (!all && properties.stream().noneMatch(p -> p.equalsIgnoreCase(prop))) {
                continue;
            }
            Object value = switch (prop) {
                case "msDS-AllowedToDelegateTo" -> new ArrayList<Object>(c.allowedToDelegateTo());
                case "servicePrincipalName", "ServicePrincipalNames" ->
                        new ArrayList<Object>(c.servicePrincipalNames());
                case "userAccountControl" -> c.userAccountControl();
                case "TrustedForDelegation" -> c.trustedForDelegation();
                case "TrustedToAuthForDelegation" -> c.trustedToAuthForDelegation();
                case "AccountNotDelegated" -> false;
                case "PrincipalsAllowedToDelegateToAccount" -> new ArrayList<Object>(
                        c.principalsAllowedToDelegateToAccount());
                default -> c.principalsAllowedToDelegateToAccount().isEmpty() ? null
                        : "O:BAD:(A;;CCDCLCSWRPWPLOCRSDRCWDWO;;;" + String.join(";", c
                        .principalsAllowedToDelegateToAccount()) + ")";
            };
            // an LDAP attribute with no value is not part of the object at all: "if you request an Active Directory
            // attribute, and the object retrieved has no value for that attribute, then the attribute will not be
            // included in the results" (TechNet wiki "Active Directory: PowerShell AD Module Properties",
            // learn.microsoft.com/archive/technet-wiki/12031; Get-ADComputer.md Example 1 lists no
            // msDS-AllowedToDelegateTo). The module's own extended properties (ServicePrincipalNames,
            // PrincipalsAllowedToDelegateToAccount) stay, as empty collections.
            if (LDAP_MULTI_VALUED.contains(prop) && (value == null || value instanceof List<?> l && l.isEmpty())) {
                continue;
            }
            o.put(prop, value);
        }
        if (whenChanged != null) {
            for (String prop : List.of("whenChanged", "Modified")) {
                if (all || properties.stream().anyMatch(p -> p.equalsIgnoreCase(prop))) {
                    o.put(prop, whenChanged);
                }
            }
        }
        o.toStringValue(c.distinguishedName());
        return o;
    }

    /**
     * An Msvm_MigrationJob CIM instance. ErrorCode is CIM_ConcreteJob's UInt16 (32768 "Failed" when the job failed);
     * the HRESULT and Windows' text are in ErrorDescription.
     */
    static PsObject migrationJob(String host, MigrationJobInfo j) {
        PsObject o = new PsObject(List.of(
                "Microsoft.Management.Infrastructure.CimInstance#root/virtualization/v2/Msvm_MigrationJob",
                "Microsoft.Management.Infrastructure.CimInstance#root/virtualization/v2/Msvm_ConcreteJob",
                "Microsoft.Management.Infrastructure.CimInstance#ROOT/virtualization/v2/CIM_ConcreteJob",
                "Microsoft.Management.Infrastructure.CimInstance", "System.Object"));
        String status = switch (j.jobState()) {
            case 2 -> "Job is queued";
            case 4 -> "Job is running";
            case 7 -> "Job completed successfully";
            case 8, 9 -> "Job was cancelled";
            default -> "Job failed";
        };
        String summary = j.errorDescription() == null ? null : j.errorDescription().lines().findFirst().orElse(null);
        o.put("InstanceID", "Microsoft:" + j.instanceId().toString().toUpperCase(Locale.ROOT))
                .put("Caption", "Virtual Machine Migration").put("Description", "Moving Virtual Machine")
                .put("ElementName", j.jobType() == 306 ? "Moving Virtual Machine and Storage" : "Moving Virtual Machine")
                .put("JobState", uint16(j.jobState())).put("JobType", uint16(j.jobType()))
                .put("MigrationType", uint16(j.migrationType()))
                .put("PercentComplete", uint16(j.percentComplete()))
                .put("StartTime", j.startTime()).put("ElapsedTime", j.elapsed())
                .put("TimeBeforeRemoval", MigrationJobInfo.TIME_BEFORE_REMOVAL)
                .put("VirtualSystemName", j.vmId().toString().toUpperCase(Locale.ROOT))
                .put("DestinationHost", j.destination())
                .put("ErrorCode", uint16(j.errorCode() == 0 ? 0 : 32768))
                .put("ErrorDescription", j.errorDescription())
                .put("ErrorSummaryDescription", summary)
                .put("Cancellable", j.cancellable())
                .put("Status", j.jobState() == 10 ? "Error" : "OK")
                .put("StatusDescriptions", List.<Object>of(status))
                .put("PSComputerName", host);
        return o;
    }

    /** Microsoft.HyperV.PowerShell.VMSwitch. */
    static PsObject vmSwitch(String host, String name) {
        return typed("Microsoft.HyperV.PowerShell.VMSwitch").put("Name", name).put("ComputerName", host)
                .put("SwitchType", Types.SWITCH_TYPE.of("External"))
                .put("Id", java.util.UUID.nameUUIDFromBytes((host + "\\" + name).toLowerCase(java.util.Locale.ROOT)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .toStringValue("VMSwitch (Name = '" + name + "') [Id = ...]");
    }

    /** MSFT_NetIPAddress (ROOT/StandardCimv2); PrefixLength is a Byte. */
    static PsObject netIpAddress(String address, int prefix, String family, String alias) {
        return typed("Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetIPAddress",
                "Microsoft.Management.Infrastructure.CimInstance")
                .put("IPAddress", address).put("PrefixLength", new PsNumber.Unsigned(PsType.UINT16, prefix))
                .put("AddressFamily", family).put("InterfaceAlias", alias).put("AddressState", "Preferred")
                .put("PrefixOrigin", "Manual").toStringValue(address);
    }

    /** MSFT_Volume (ROOT/Microsoft/Windows/Storage); sizes in bytes (UInt64), DriveLetter a Char. */
    static PsObject volume(String letter, long sizeMB, long freeMB) {
        return typed("Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/Storage/MSFT_Volume",
                "Microsoft.Management.Infrastructure.CimInstance")
                .put("DriveLetter", letter).put("FileSystem", "NTFS").put("FileSystemType", "NTFS")
                .put("HealthStatus", "Healthy").put("DriveType", "Fixed")
                .put("Size", new PsNumber.Unsigned(PsType.UINT64, sizeMB * MB))
                .put("SizeRemaining", new PsNumber.Unsigned(PsType.UINT64, freeMB * MB));
    }

    /** System.IO.FileInfo. */
    static PsObject file(String path, long length) {
        int slash = path.lastIndexOf('\\');
        return typed("System.IO.FileInfo", "System.IO.FileSystemInfo").put("FullName", path)
                .put("Name", slash >= 0 ? path.substring(slash + 1) : path)
                .put("DirectoryName", slash >= 0 ? path.substring(0, slash) : "")
                .put("Length", length).put("Exists", true).toStringValue(path);
    }

    /** Microsoft.Vhd.PowerShell.VirtualHardDisk of a fixed VHDX (Get-VHD). */
    static PsObject vhd(String computer, String path, long size) {
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        return typed("Microsoft.Vhd.PowerShell.VirtualHardDisk").put("ComputerName", computer).put("Path", path)
                .put("VhdFormat", lower.endsWith(".vhd") ? "VHD" : "VHDX").put("VhdType", "Fixed")
                .put("FileSize", size).put("Size", size).put("Attached", true).toStringValue(
                        "Microsoft.Vhd.PowerShell.VirtualHardDisk");
    }

    /** Microsoft.FailoverClusters.PowerShell.ClusterSharedVolume with its SharedVolumeInfo (bytes). */
    static PsObject clusterSharedVolume(String name, String cluster, String path, long sizeMB, long freeMB) {
        PsObject partition = typed("Microsoft.FailoverClusters.PowerShell.ClusterDiskPartitionInfo")
                .put("Name", path).put("Size", sizeMB * MB).put("FreeSpace", freeMB * MB).put("UsedSpace", (sizeMB - freeMB) * MB)
                .put("FileSystem", "CSVFS_NTFS");
        PsObject info = typed("Microsoft.FailoverClusters.PowerShell.ClusterSharedVolumeInfo")
                .put("FriendlyVolumeName", path).put("Partition", partition).put("MaintenanceMode", false)
                .put("FaultState", "NoFaults");
        return typed("Microsoft.FailoverClusters.PowerShell.ClusterSharedVolume").put("Name", name)
                .put("Cluster", cluster).put("State", "Online")
                .put("SharedVolumeInfo", new java.util.ArrayList<Object>(List.of(info))).toStringValue(name);
    }

    /** Win32_OperatingSystem: FreePhysicalMemory and TotalVisibleMemorySize in KiB (UInt64), as WMI reports them. */
    static PsObject operatingSystem(io.hvmigrate.sim.world.HostInfo h) {
        String build = switch (h.os()) {
            case 2016 -> "10.0.14393";
            case 2019 -> "10.0.17763";
            case 2022 -> "10.0.20348";
            default -> h.os() >= 2025 ? "10.0.26100" : "6.3.9600";
        };
        return typed("Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_OperatingSystem",
                "Microsoft.Management.Infrastructure.CimInstance")
                .put("Caption", "Microsoft Windows Server " + h.os() + " Datacenter").put("Version", build)
                .put("CSName", h.name())
                .put("FreePhysicalMemory", new PsNumber.Unsigned(PsType.UINT64, h.memoryFreeMB() * 1024))
                .put("TotalVisibleMemorySize", new PsNumber.Unsigned(PsType.UINT64, h.memoryTotalMB() * 1024));
    }

    /** Win32_Processor. */
    static PsObject processor(io.hvmigrate.sim.world.HostInfo h) {
        return typed("Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_Processor",
                "Microsoft.Management.Infrastructure.CimInstance")
                .put("DeviceID", "CPU0").put("Manufacturer", h.processorVendor()).put("Name", h.processorModel())
                .put("NumberOfCores", uint32(32)).put("NumberOfLogicalProcessors", uint32(64));
    }

    /**
     * Win32_ComputerSystem (learn.microsoft.com/windows/win32/cimwin32prov/win32-computersystem): Name is the NetBIOS
     * computer name; Domain the DNS domain of a domain member, else its workgroup, as PartOfDomain says; DNSHostName the
     * first label of its DNS name.
     */
    static PsObject computerSystem(io.hvmigrate.sim.world.HostInfo h) {
        boolean member = h.domain() != null && !h.domain().isBlank();
        int dot = h.fqdn() == null ? -1 : h.fqdn().indexOf('.');
        return typed("Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_ComputerSystem",
                "Microsoft.Management.Infrastructure.CimInstance")
                .put("Name", h.name().toUpperCase(java.util.Locale.ROOT))
                .put("DNSHostName", dot < 0 ? h.name().toLowerCase(java.util.Locale.ROOT) : h.fqdn().substring(0, dot))
                .put("Domain", member ? h.domain().toLowerCase(java.util.Locale.ROOT) : "WORKGROUP")
                .put("PartOfDomain", member)
                .toStringValue(h.name().toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Win32_ComputerSystemProduct (learn.microsoft.com/windows/win32/cimwin32prov/win32-computersystemproduct): UUID is
     * the SMBIOS system UUID, upper-case as Windows prints it. A simulated host's is derived from its FQDN, so it is the
     * same on every start and differs between hosts.
     */
    static PsObject computerSystemProduct(io.hvmigrate.sim.world.HostInfo h) {
        String uuid = java.util.UUID.nameUUIDFromBytes(("hvsim smbios " + h.fqdn().toLowerCase(java.util.Locale.ROOT))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString().toUpperCase(java.util.Locale.ROOT);
        return typed("Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_ComputerSystemProduct",
                "Microsoft.Management.Infrastructure.CimInstance")
                .put("Name", "Virtual Machine").put("Vendor", "hvsim").put("IdentifyingNumber", "0000-0000-0000-0000")
                .put("UUID", uuid).toStringValue("Virtual Machine");
    }

    /** Win32_DeviceGuard: SecurityServicesRunning holds 1 while Credential Guard runs. */
    static PsObject deviceGuard(io.hvmigrate.sim.world.HostInfo h) {
        List<Object> running = new ArrayList<>();
        running.add(uint32(h.credentialGuard() ? 1 : 0));
        return typed("Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DeviceGuard/Win32_DeviceGuard",
                "Microsoft.Management.Infrastructure.CimInstance")
                .put("SecurityServicesConfigured", new ArrayList<>(running))
                .put("SecurityServicesRunning", running)
                .put("VirtualizationBasedSecurityStatus", uint32(h.credentialGuard() ? 2 : 0));
    }
}
