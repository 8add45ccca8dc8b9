package io.hvmigrate.powershell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every PowerShell script hvmigrate runs on a host. All of them share one envelope: errors stop the script
 * ({@code $ErrorActionPreference='Stop'}), progress records are silenced (they would arrive as CLIXML on stderr),
 * and the outcome is printed as one ASCII JSON object by {@code Out-Result}; whatever else a command writes and the
 * engine does not read is discarded ({@code $null=…}: Move-VM writes a CompatibilityReport when it refuses a move for an
 * incompatibility), so that JSON line is the script's only output. Values reach the code only through
 * template holes, which {@link PsLiteral} renders as single-quoted literals.
 *
 * <p>VMs are addressed by their Id, not by name: names need not be unique on a host, and {@code Get-VM -Name}
 * treats {@code [ ] * ?} as wildcards.
 */
public final class StepScripts {
    private StepScripts() {}

    static final String PRELUDE = """
            $ErrorActionPreference='Stop';$ProgressPreference='SilentlyContinue'
            function Out-Result($o){[regex]::Replace((ConvertTo-Json $o -Compress -Depth 6),'[^\\x20-\\x7e]',{param($m)'\\u{0:x4}' -f [int][char]$m.Value})}
            try{
            """;

    static final String EPILOGUE = """

            }catch{$e=$_.Exception;Out-Result @{ok=$false;error=@{message=$e.Message;category=[string]$_.CategoryInfo.Category;hresult=$e.HResult;type=$e.GetType().FullName;errorId=[string]$_.FullyQualifiedErrorId}}}""";

    static StepScript wrap(ScriptTemplate body, Map<String, ?> values) {
        return wrap(body.render(values));
    }

    static StepScript wrap(String renderedBody) {
        return new StepScript(PRELUDE + renderedBody + EPILOGUE, renderedBody);
    }

    /** The envelope every step script shares, with {@code <body>} where the step's own code goes. */
    public static String envelope() {
        return PRELUDE + "<body>" + EPILOGUE;
    }

    static Map<String, Object> values(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    // ---- in-cluster live migration (scenarios 1 and 2) --------------------------------------------------------------

    private static final ScriptTemplate CLUSTER_MIGRATE = ScriptTemplate.of("""
            $g=Move-ClusterVirtualMachineRole -Name <<group>> -Node <<node>> -MigrationType Live
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{group=$g.Name;owner=$g.OwnerNode.Name;state=[string]$g.State}})
            """);

    /** Live-migrates a clustered VM role to another node of the same cluster; runs on a node of that cluster. */
    public static StepScript clusterMigrate(String group, String node) {
        return wrap(CLUSTER_MIGRATE, values("group", group, "node", node));
    }

    // ---- host-to-host live migration (scenarios 3 to 7) ----------------------------------------------------------

    private static final ScriptTemplate MOVE_SHARED = ScriptTemplate.of("""
            $v=Get-VM -Id <<vmId>>
            $null=Move-VM -VM $v -DestinationHost <<destination>> -IncludeStorage:$false
            $left=Get-VM -Id <<vmId>> -ErrorAction SilentlyContinue
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{moved=$true;sourceReleased=($null -eq $left)}})
            """);

    /**
     * Moves memory and state only; the VM's files stay on storage both hosts reach. Runs on the source host. The VM is
     * the object Get-VM -Id returns, never a name ({@code Move-VM -Name} would need names unique on the host). Move-VM.md
     * (docset/winserver2022-ps/Hyper-V/Move-VM.md): {@code -VM $v -DestinationHost} alone fits both VMSingleDestination
     * and VMMultipleDestinations, which PowerShell refuses as ambiguous; {@code -IncludeStorage} belongs to the
     * single-destination sets only, so {@code -IncludeStorage:$false} binds VMSingleDestination and moves no storage.
     */
    public static StepScript moveVm(String vmId, String destination) {
        return wrap(MOVE_SHARED, values("vmId", vmId, "destination", destination));
    }

    private static final ScriptTemplate MOVE_WITH_STORAGE = ScriptTemplate.of("""
            $v=Get-VM -Id <<vmId>>
            $null=Move-VM -VM $v -DestinationHost <<destination>> -IncludeStorage -DestinationStoragePath <<path>>
            $left=Get-VM -Id <<vmId>> -ErrorAction SilentlyContinue
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{moved=$true;sourceReleased=($null -eq $left)}})
            """);

    /** Moves the VM and all its files to one folder on the destination (shared-nothing). Runs on the source host. */
    public static StepScript moveVmWithStorage(String vmId, String destination, String storagePath) {
        return wrap(MOVE_WITH_STORAGE, values("vmId", vmId, "destination", destination, "path", storagePath));
    }

    // ---- high availability ------------------------------------------------------------------------------------

    private static final ScriptTemplate RECORD_HA = ScriptTemplate.of("""
            $r=@(Get-ClusterResource | Where-Object { [string]$_.ResourceType -eq 'Virtual Machine' } | Where-Object { [string]($_ | Get-ClusterParameter -Name VmID).Value -eq <<vmId>> })
            if($r.Count -ne 1){throw ('no role of this cluster holds the virtual machine '+<<vmId>>)}
            $g=$r[0].OwnerGroup
            $o=@(Get-ClusterOwnerNode -Group $g.Name | ForEach-Object { $_.OwnerNodes } | ForEach-Object { $_.Name })
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{group=$g.Name;owner=$g.OwnerNode.Name;state=[string]$g.State;priority=[int]$g.Priority;preferredOwners=$o;antiAffinityClassNames=@($g.AntiAffinityClassNames|ForEach-Object { [string]$_ });failoverThreshold=[long]$g.FailoverThreshold;failoverPeriod=[long]$g.FailoverPeriod;autoFailbackType=[int]$g.AutoFailbackType}})
            """);

    /**
     * Reads what must be restored if the role is removed: its name, owner, state, priority, preferred owners,
     * anti-affinity class names and failover settings. The role is found from the VM's cluster resource (type
     * "Virtual Machine", private property VmID), not by name: a role need not be named like its VM.
     */
    public static StepScript recordHa(String vmId) {
        return wrap(RECORD_HA, values("vmId", vmId));
    }

    private static final ScriptTemplate REMOVE_HA = ScriptTemplate.of("""
            $g=Get-ClusterGroup -Name <<group>> -ErrorAction SilentlyContinue
            if($g){$null=Remove-ClusterGroup -Name <<group>> -RemoveResources -Force}
            $v=Get-VM -Id <<vmId>>
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{removed=[bool]$g;clustered=[bool]$v.IsClustered;state=[string]$v.State}})
            """);

    /**
     * Removes the VM's cluster role and its resources while the VM stays registered and running in Hyper-V (never
     * {@code Remove-VM}, which deletes the VM's configuration). Idempotent: an already removed role is not an error.
     */
    public static StepScript removeHa(String group, String vmId) {
        return wrap(REMOVE_HA, values("group", group, "vmId", vmId));
    }

    private static final ScriptTemplate ADD_HA = ScriptTemplate.of("""
            $v=Get-VM -Id <<vmId>>
            if(-not $v.IsClustered){$null=Add-ClusterVirtualMachineRole -VMId <<vmId>> -Name <<group>>}
            $g=Get-ClusterGroup -Name <<group>>
            """);
    private static final ScriptTemplate SET_PRIORITY = ScriptTemplate.of("""
            $g.Priority=<<priority>>
            """);
    private static final ScriptTemplate SET_ANTI_AFFINITY = ScriptTemplate.of("""
            $g.AntiAffinityClassNames=<<classes>>
            """);
    private static final ScriptTemplate SET_FAILOVER = ScriptTemplate.of("""
            $g.FailoverThreshold=<<threshold>>;$g.FailoverPeriod=<<period>>;$g.AutoFailbackType=<<failback>>
            """);
    private static final ScriptTemplate SET_OWNERS = ScriptTemplate.of("""
            $null=Set-ClusterOwnerNode -Group <<group>> -Owners <<owners>>
            """);
    /** The role and the VM read afresh on this host once the settings are committed: the fields of {@link #verifyClusteredVm}. */
    private static final ScriptTemplate HA_RESULT = ScriptTemplate.of("""
            $g=Get-ClusterGroup -Name $g.Name
            $v=Get-VM -Id <<vmId>>
            $d=@($v.HardDrives | ForEach-Object { $_.Path })
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{group=$g.Name;owner=$g.OwnerNode.Name;groupState=[string]$g.State;priority=[int]$g.Priority;antiAffinityClassNames=@($g.AntiAffinityClassNames|ForEach-Object { [string]$_ });name=$v.Name;host=$v.ComputerName;state=[string]$v.State;clustered=[bool]$v.IsClustered;path=$v.Path;disks=$d}})
            """);

    /**
     * A role's settings besides priority and owners, as Get-ClusterGroup shows them; a null value is left as the
     * cluster sets it. Common properties are set on the group object, which commits them (Get-Cluster.md: "set the
     * appropriate property on that cluster object directly"); AntiAffinityClassNames is a StringCollection, which
     * PowerShell fills from an array.
     */
    public record GroupSettings(List<String> antiAffinityClassNames, Long failoverThreshold, Long failoverPeriod,
                                Integer autoFailbackType) {
        public static final GroupSettings NONE = new GroupSettings(List.of(), null, null, null);

        public GroupSettings {
            antiAffinityClassNames = antiAffinityClassNames == null ? List.of() : List.copyOf(antiAffinityClassNames);
        }
    }

    /** As {@link #addHa(String, String, Integer, List, GroupSettings)} with no other settings. */
    public static StepScript addHa(String vmId, String group, Integer priority, List<String> preferredOwners) {
        return addHa(vmId, group, priority, preferredOwners, GroupSettings.NONE);
    }

    /**
     * Makes the VM highly available on the cluster of the node it runs on, as the role {@code group}, then sets the
     * role's priority (when not {@code null}), anti-affinity class names (when not empty), failover settings (when
     * known) and preferred owners (when not empty). Idempotent: a VM that is already a role is not added again. Its
     * answer is also the move's verification, read on the host the VM runs on (as {@link #verifyClusteredVm} reads it):
     * no second command is needed to check the outcome.
     */
    public static StepScript addHa(String vmId, String group, Integer priority, List<String> preferredOwners, GroupSettings settings) {
        StringBuilder b = new StringBuilder(ADD_HA.render(values("vmId", vmId, "group", group))).append('\n');
        if (priority != null) {
            b.append(SET_PRIORITY.render(values("priority", priority))).append('\n');
        }
        if (!settings.antiAffinityClassNames().isEmpty()) {
            b.append(SET_ANTI_AFFINITY.render(values("classes", settings.antiAffinityClassNames()))).append('\n');
        }
        if (settings.failoverThreshold() != null && settings.failoverPeriod() != null && settings.autoFailbackType() != null) {
            b.append(SET_FAILOVER.render(values("threshold", settings.failoverThreshold(), "period", settings.failoverPeriod(),
                    "failback", settings.autoFailbackType()))).append('\n');
        }
        if (!preferredOwners.isEmpty()) {
            b.append(SET_OWNERS.render(values("group", group, "owners", preferredOwners))).append('\n');
        }
        b.append(HA_RESULT.render(values("vmId", vmId)));
        return wrap(b.toString());
    }

    // ---- verification -------------------------------------------------------------------------------------------

    private static final ScriptTemplate VERIFY = ScriptTemplate.of("""
            $v=Get-VM -Id <<vmId>>
            $d=@($v.HardDrives | ForEach-Object { $_.Path })
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{name=$v.Name;host=$v.ComputerName;state=[string]$v.State;clustered=[bool]$v.IsClustered;path=$v.Path;disks=$d}})
            """);

    /** Reads the VM on the host it should now be on: where it runs, its state, its role, where its files are. */
    public static StepScript verifyVm(String vmId) {
        return wrap(VERIFY, values("vmId", vmId));
    }

    private static final ScriptTemplate VERIFY_CLUSTERED = ScriptTemplate.of("""
            $v=Get-VM -Id <<vmId>>
            $d=@($v.HardDrives | ForEach-Object { $_.Path })
            $g=Get-ClusterGroup -Name <<group>>
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{name=$v.Name;host=$v.ComputerName;state=[string]$v.State;clustered=[bool]$v.IsClustered;path=$v.Path;disks=$d;owner=$g.OwnerNode.Name;groupState=[string]$g.State;priority=[int]$g.Priority}})
            """);

    /** As {@link #verifyVm}, plus the cluster role's owner node, state and priority, read afresh from the cluster. */
    public static StepScript verifyClusteredVm(String vmId, String group) {
        return wrap(VERIFY_CLUSTERED, values("vmId", vmId, "group", group));
    }

    // ---- where is the VM, how far is its migration -------------------------------------------------------------------

    private static final ScriptTemplate LOCATE = ScriptTemplate.of("""
            $v=Get-VM -Id <<vmId>> -ErrorAction SilentlyContinue
            $a=@(Get-CimInstance -Namespace root\\virtualization\\v2 -ClassName Msvm_MigrationJob | Where-Object { $_.VirtualSystemName -eq <<vmId>> })
            $j=@($a | Where-Object { $_.JobState -le 6 })
            if($v){$r=[pscustomobject]@{present=$true;state=[string]$v.State;clustered=[bool]$v.IsClustered;path=$v.Path;migrating=($j.Count -gt 0);jobs=$a.Count}}else{$r=[pscustomobject]@{present=$false;migrating=($j.Count -gt 0);jobs=$a.Count}}
            Out-Result ([pscustomobject]@{ok=$true;data=$r})
            """);

    /**
     * Asks a host whether it has the VM (and in what state), whether a migration of it is still running there, and how
     * many migration jobs of it VMMS knows (running, or ended in the last minutes).
     */
    public static StepScript locateVm(String vmId) {
        return wrap(LOCATE, values("vmId", vmId));
    }

    private static final ScriptTemplate JOBS = ScriptTemplate.of("""
            $j=@(Get-CimInstance -Namespace root\\virtualization\\v2 -ClassName Msvm_MigrationJob | ForEach-Object { [pscustomobject]@{vmId=[string]$_.VirtualSystemName;percent=[int]$_.PercentComplete;jobState=[int]$_.JobState} })
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{jobs=$j}})
            """);

    /** Every live-migration job the host's VMMS knows of (running, or ended in the last minutes): VM Id, percent, state. */
    public static StepScript migrationJobs() {
        return wrap(JOBS, values());
    }

    private static final ScriptTemplate CANCEL_MOVE = ScriptTemplate.of("""
            $j=@(Get-CimInstance -Namespace root\\virtualization\\v2 -ClassName Msvm_MigrationJob | Where-Object { $_.VirtualSystemName -eq <<vmId>> -and $_.JobState -eq 4 })
            $c=0;$f=@()
            foreach($x in $j){if($x.Cancellable){$r=Invoke-CimMethod -InputObject $x -MethodName RequestStateChange -Arguments @{RequestedState=[uint16]4};if($r.ReturnValue -eq 0 -or $r.ReturnValue -eq 4096){$c++}else{$f+=[int]$r.ReturnValue}}}
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{cancelled=$c;refused=$f}})
            """);

    /**
     * Asks VMMS on the source to terminate the VM's running migration (RequestStateChange 4); the VM stays on the source.
     * Its result: how many jobs took the request ({@code ReturnValue} 0, done, or 4096, transition started) and the
     * return values of those that did not (e.g. 4097, invalid state transition), as Msvm_ConcreteJob.RequestStateChange
     * defines them (learn.microsoft.com/windows/win32/hyperv_v2/requeststatechange-msvm-concretejob).
     */
    public static StepScript cancelMigration(String vmId) {
        return wrap(CANCEL_MOVE, values("vmId", vmId));
    }

    private static final ScriptTemplate CANCEL_CLUSTER_MOVE = ScriptTemplate.of("""
            $null=Move-ClusterVirtualMachineRole -Name <<group>> -Cancel
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{cancelled=1}})
            """);

    /** Cancels a live migration the cluster is running for the role. */
    public static StepScript cancelClusterMigration(String group) {
        return wrap(CANCEL_CLUSTER_MOVE, values("group", group));
    }

    // ---- discovery --------------------------------------------------------------------------------------------------

    private static final ScriptTemplate DISCOVER_HOST = ScriptTemplate.of("""
            $h=Get-VMHost;$o=Get-CimInstance Win32_OperatingSystem;$p=@(Get-CimInstance Win32_Processor)[0]
            $g=Get-CimInstance Win32_DeviceGuard -Namespace root\\Microsoft\\Windows\\DeviceGuard -ea 0;$cl=$null;try{$cl=(Get-Cluster).Name}catch{}
            $r=[ordered]@{name=$h.Name;fqdn=$h.FullyQualifiedDomainName;os=$o.Caption;vmPath=$h.VirtualMachinePath;cluster=$cl
            mig=@($h.VirtualMachineMigrationEnabled,[int]$h.VirtualMachineMigrationAuthenticationType,[int]$h.VirtualMachineMigrationPerformanceOption,$h.UseAnyNetworkForMigration,$h.MaximumVirtualMachineMigrations,$h.MaximumStorageMigrations)
            nets=@(Get-VMMigrationNetwork|%{,@($_.Subnet,$_.Priority)});ips=@(Get-NetIPAddress|%{$_.IPAddress+'/'+$_.PrefixLength});sw=@(Get-VMSwitch|%{$_.Name})
            ver=@(Get-VMHostSupportedVersion|%{[string]$_.Version});cpu=@($p.Manufacturer,$p.Name);mem=@($h.MemoryCapacity,($o.FreePhysicalMemory*1024))
            vol=@(Get-Volume|?{$_.DriveLetter}|%{,@([string]$_.DriveLetter,$_.SizeRemaining)});cg=[bool]($g.SecurityServicesRunning -contains 1);uuid=(Get-CimInstance Win32_ComputerSystemProduct).UUID}
            $r.vms=@(Get-VM|%{$v=$_;[ordered]@{name=$v.Name;id=[string]$v.Id;state=[string]$v.State;ver=[string]$v.Version;gen=$v.Generation;mem=$v.MemoryStartup;path=$v.Path;ha=$v.IsClustered
            disks=@($v.HardDrives|%{$k=$_.Path;$z=$null;try{$z=(Get-VHD -Path $k).FileSize}catch{};,@($k,$z)});sw=@($v.NetworkAdapters|%{$_.SwitchName});iso=@($v.DVDDrives|?{$_.Path}|%{$_.Path})}})
            $t=@();try{$t=@(klist -li 0x3e7 tgt)}catch{};$r.tgt=$t;$r.now=(Get-Date).ToString('o')
            Out-Result ([pscustomobject]@{ok=$true;data=$r})
            """);

    /**
     * Reads, in one round trip, what the facts need from one host: its migration settings and networks, addresses,
     * switches, supported versions, processor, memory, volumes, Credential Guard, the cluster it is a node of, and its
     * VMs with their disks' sizes; and {@code klist -li 0x3e7 tgt} (the computer account's TGT: when the host's tickets were
     * issued) with the host's local time, whose offset klist's "(local)" times need.
     *
     * <p>It also says who the host is, for discovery to compare with the inventory entry: its computer name and FQDN
     * (Get-VMHost Name and FullyQualifiedDomainName) and a stable id, the SMBIOS system UUID (Win32_ComputerSystemProduct
     * UUID, learn.microsoft.com/windows/win32/cimwin32prov/win32-computersystemproduct: all zeros when the firmware has
     * none), which two names of one machine share.
     *
     * <p>Disk sizes come from Get-VHD -Path, not from opening the file: the Virtual Machine Management Service reads
     * the disk (windows-powershell-docs, docset/winserver2022-ps/hyper-v/Get-VHD.md) as the host's computer account,
     * which Hyper-V over SMB grants the share to, while Get-Item on {@code \\server\share\…} from this WinRM
     * session would be a second hop to the file server, denied without {@code cifs/} delegation ("the credentials you
     * used to create the PowerShell Remoting session aren't passed from ServerB to ServerC", PowerShell-Docs
     * reference/docs-conceptual/security/remoting/PS-remoting-second-hop.md). A disk Get-VHD cannot read is listed
     * with no size (unknown), and the host is still read.
     */
    public static StepScript discoverHost() {
        return wrap(DISCOVER_HOST, values());
    }

    private static final ScriptTemplate DISCOVER_CLUSTER = ScriptTemplate.of("""
            $c=Get-Cluster
            $r=[ordered]@{name=$c.Name;domain=$c.Domain;mpm=$c.MaximumParallelMigrations;nodes=@(Get-ClusterNode|%{,@($_.Name,[string]$_.State)})
            csv=@(Get-ClusterSharedVolume|%{$i=$_.SharedVolumeInfo;,@($i.FriendlyVolumeName,$i.Partition.FreeSpace)})
            groups=@(Get-ClusterGroup|?{[string]$_.GroupType -eq 'VirtualMachine'}|%{,@($_.Name,$_.OwnerNode.Name,[string]$_.State,$_.Priority,@((Get-ClusterOwnerNode -Group $_.Name).OwnerNodes|%{$_.Name}))})
            res=@(Get-ClusterResource|?{[string]$_.ResourceType -eq 'Virtual Machine'}|%{,@([string]($_|Get-ClusterParameter -Name VmID).Value,$_.OwnerGroup.Name)})}
            Out-Result ([pscustomobject]@{ok=$true;data=$r})
            """);

    /**
     * Reads a cluster once, from one of its nodes: MaximumParallelMigrations, nodes and their state, CSVs, VM roles,
     * and which role holds which VM (each "Virtual Machine" resource's VmID and OwnerGroup: a role need not be named
     * like its VM).
     */
    public static StepScript discoverCluster() {
        return wrap(DISCOVER_CLUSTER, values());
    }

    private static final ScriptTemplate READ_DIRECTORY = ScriptTemplate.of("""
            function P($s){$p=@{};if($s){$p.Server=$s};$p}
            $c=@(<<computers>>|%{$p=P $_.s;$_.n|%{$n=$_;try{$a=Get-ADComputer -Identity $n @p -Properties *
            @{name=$n;sam=$a.SamAccountName;spn=@($a.servicePrincipalName|?{$_});a2d=@($a.'msDS-AllowedToDelegateTo'|?{$_});uac=[long]$a.userAccountControl;rbcd=@($a.PrincipalsAllowedToDelegateToAccount|?{$_}|%{"$_"});changed=$a.whenChanged.ToUniversalTime().ToString('o')}}catch{@{name=$n;missing="$_"}}}})
            $u=@(<<users>>|%{$p=P $_.s;$n=$_.n;try{$a=Get-ADUser -Identity $n @p -Properties AccountNotDelegated,MemberOf;@{name=$n;sam=$a.SamAccountName;nd=[bool]$a.AccountNotDelegated;mo=@($a.MemberOf|%{"$_"})}}catch{@{name=$n;missing="$_"}}})
            $d=@(<<domains>>|%{$s=$_;$p=P $s;try{$a=Get-ADDomain @p;@{name=$a.DNSRoot;forest=$a.Forest;trusts=@(Get-ADTrust -Filter * @p|%{@{target=$_.Target;dir=[int]$_.Direction;type=[int]$_.TrustType;attr=[long]$_.TrustAttributes}})}}catch{@{name=$s;missing="$_"}}})
            Out-Result ([pscustomobject]@{ok=$true;data=@{computers=$c;users=$u;domains=$d}})
            """);

    /**
     * Reads the directory in one round trip (on a host with the AD module): computer accounts, each in its own domain
     * ({@code -Server}; groups as {@code @{s='lab.test';n=@('HV-S1',…)}}, s empty for the host's own domain) with
     * their SPNs, msDS-AllowedToDelegateTo, userAccountControl, resource-based delegation and whenChanged (UTC);
     * users ({@code @{s;n}}) with AccountNotDelegated and MemberOf; and for each domain its forest (Get-ADDomain) and
     * its trusts (Get-ADTrust -Filter *: Target, Direction, TrustType, TrustAttributes). What cannot be read is
     * reported with Windows' message rather than failing the whole read.
     */
    public static StepScript readDirectory(List<Map<String, Object>> computers, List<Map<String, Object>> users, List<String> domains,
                                           boolean ownDomain) {
        List<String> ds = ownDomain ? List.of("") : domains;
        return wrap(READ_DIRECTORY, values("computers", computers, "users", users, "domains", ds));
    }
}
