package io.hvmigrate.sim.world.fleet;

import java.util.List;

/**
 * A Hyper-V host.
 *
 * @param name                 NetBIOS name, e.g. {@code HV-A1}; the FQDN is {@code hv-a1.<domain>}
 * @param domain               DNS name of its domain
 * @param os                   Windows Server release: 2016, 2019, 2022 or 2025
 * @param cluster              the cluster it is a node of, or null for a standalone host
 * @param nodeState            cluster node state at start: Up, Paused or Down
 * @param winrm                how the simulated WS-Management endpoint of this host listens
 * @param managementAddress    management address (data only, documentation range)
 * @param migrationAddresses   addresses the host sends and receives live migration traffic on (documentation ranges)
 * @param migration            Get-VMHost migration settings
 * @param migrationNetworks    Get-VMMigrationNetwork entries
 * @param virtualMachinePath   Get-VMHost VirtualMachinePath
 * @param virtualHardDiskPath  Get-VMHost VirtualHardDiskPath
 * @param switches             virtual switch names
 * @param processor            processor vendor/model/family
 * @param memoryTotalGB        physical memory
 * @param memoryFreeGB         memory free for VMs at start (after the VMs placed on the host)
 * @param volumes              local volumes
 * @param credentialGuard      Credential Guard on; default on for 2025 domain members, off before
 * @param migrationLinkGbps    bandwidth of the live migration link (default 10); the migrations running on the host at
 *                             once share it
 * @param migrationRdmaLinks   RDMA-capable adapters of {@code migrationLinkGbps} each that carry live migration
 *                             (default 0): with the SMB performance option, SMB Direct and SMB Multichannel use them
 *                             all; without them SMB is carried over one link, like TCPIP
 * @param account              the host's computer account settings
 * @param domainController     the host is also a domain controller of its domain (a management host that is a DC): the
 *                             ActiveDirectory cmdlets run on it reach the directory locally, with no second hop
 */
public record HostSpec(String name, String domain, Integer os, String cluster, NodeState nodeState, WinRmSpec winrm,
                       String managementAddress, List<String> migrationAddresses, MigrationSpec migration,
                       List<MigrationNetworkSpec> migrationNetworks, String virtualMachinePath,
                       String virtualHardDiskPath, List<String> switches, ProcessorSpec processor,
                       Long memoryTotalGB, Long memoryFreeGB, List<VolumeSpec> volumes, Boolean credentialGuard,
                       Double migrationLinkGbps, Integer migrationRdmaLinks, AccountSpec account,
                       Boolean domainController) {
    public HostSpec {
        os = os == null ? 2022 : os;
        nodeState = nodeState == null ? NodeState.Up : nodeState;
        winrm = winrm == null ? new WinRmSpec(null, null, null, null) : winrm;
        migrationAddresses = Lists.of(migrationAddresses);
        migration = migration == null ? MigrationSpec.defaultsFor(os) : migration.withDefaults(os);
        migrationNetworks = Lists.of(migrationNetworks);
        virtualMachinePath = virtualMachinePath == null ? "C:\\ProgramData\\Microsoft\\Windows\\Hyper-V"
                : virtualMachinePath;
        virtualHardDiskPath = virtualHardDiskPath == null
                ? "C:\\ProgramData\\Microsoft\\Windows\\Virtual Hard Disks" : virtualHardDiskPath;
        switches = Lists.of(switches);
        processor = processor == null ? new ProcessorSpec(null, null, null) : processor;
        memoryTotalGB = memoryTotalGB == null ? 256L : memoryTotalGB;
        memoryFreeGB = memoryFreeGB == null ? memoryTotalGB / 2 : memoryFreeGB;
        volumes = Lists.of(volumes);
        // Credential Guard is on by default from Windows Server 2025 on domain-joined servers (reference §3.1).
        credentialGuard = credentialGuard == null ? os >= 2025 : credentialGuard;
        migrationLinkGbps = migrationLinkGbps == null ? 10.0 : migrationLinkGbps;
        migrationRdmaLinks = migrationRdmaLinks == null ? 0 : migrationRdmaLinks;
        account = account == null ? AccountSpec.NONE : account;
        domainController = domainController != null && domainController;
    }

    public enum NodeState { Up, Paused, Down }

    /**
     * @param address    loopback address the endpoint binds, e.g. {@code 127.0.1.11}; null = 127.0.0.1
     * @param https      listen with TLS
     * @param authMethods accepted client authentication methods (Basic, Negotiate/NTLM, Kerberos)
     * @param fault      transport-level fault the endpoint plays out
     */
    public record WinRmSpec(String address, Boolean https, List<String> authMethods, TransportFault fault) {
        public WinRmSpec {
            address = address == null ? "127.0.0.1" : address;
            https = https != null && https;
            authMethods = authMethods == null ? List.of("Negotiate") : List.copyOf(authMethods);
        }
    }

    /**
     * A fault of the WS-Management transport; played by the endpoint, kept here so one file describes a scenario.
     *
     * @param mode        none, unreachable, http500, slow, hang, dropAfterAccept or authFailure
     * @param delayMs     for {@code slow}: delay added to each response
     * @param probability the share of requests it applies to, each drawn on its own (0..1; default 1, every request);
     *                    not for {@code unreachable}, which is the listener's state
     * @param seed        seeds the draws, so that a wave replays ({@link Chance})
     */
    public record TransportFault(TransportFaultMode mode, Integer delayMs, Double probability, Long seed) {
        public TransportFault {
            mode = mode == null ? TransportFaultMode.none : mode;
            delayMs = delayMs == null ? 0 : delayMs;
        }

        public TransportFault(TransportFaultMode mode, Integer delayMs) {
            this(mode, delayMs, null, null);
        }
    }

    public enum TransportFaultMode { none, unreachable, http500, slow, hang, dropAfterAccept, authFailure }

    /**
     * Get-VMHost migration settings. Defaults are Windows' defaults: migration disabled, CredSSP on 2022 and earlier
     * (Kerberos on 2025, where Credential Guard rules CredSSP out), Compression, 2 and 2, any network.
     */
    public record MigrationSpec(Boolean enabled, String authenticationType, String performanceOption,
                                Boolean useAnyNetwork, Integer maximumVirtualMachineMigrations,
                                Integer maximumStorageMigrations) {
        static MigrationSpec defaultsFor(int os) {
            return new MigrationSpec(null, null, null, null, null, null).withDefaults(os);
        }

        MigrationSpec withDefaults(int os) {
            return new MigrationSpec(enabled != null && enabled,
                    authenticationType != null ? authenticationType : (os >= 2025 ? "Kerberos" : "CredSSP"),
                    performanceOption != null ? performanceOption : "Compression",
                    useAnyNetwork == null || useAnyNetwork,
                    maximumVirtualMachineMigrations != null ? maximumVirtualMachineMigrations : 2,
                    maximumStorageMigrations != null ? maximumStorageMigrations : 2);
        }
    }

    /** @param subnet address or CIDR; @param priority lower is preferred */
    public record MigrationNetworkSpec(String subnet, Integer priority) {
        public MigrationNetworkSpec {
            priority = priority == null ? 0 : priority;
        }
    }

    /**
     * @param vendor GenuineIntel or AuthenticAMD
     * @param model  e.g. {@code Intel(R) Xeon(R) Gold 6338}
     * @param family processor generation used for compatibility, e.g. {@code IceLake}
     */
    public record ProcessorSpec(String vendor, String model, String family) {
        public ProcessorSpec {
            vendor = vendor == null ? "GenuineIntel" : vendor;
            model = model == null ? "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz" : model;
            family = family == null ? "IceLake" : family;
        }
    }
}
