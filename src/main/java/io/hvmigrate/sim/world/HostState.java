package io.hvmigrate.sim.world;

import io.hvmigrate.sim.world.ad.DirectorySnapshot;
import io.hvmigrate.sim.world.fleet.HostSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Live state of one host; guarded by the world's lock. */
final class HostState {
    final String name;
    final String fqdn;
    final String domain;
    final String domainNetbios;
    final int os;
    final String cluster;
    final HostSpec spec;
    boolean migrationEnabled;
    MigrationAuthenticationType authenticationType;
    MigrationPerformance performance;
    boolean useAnyNetwork;
    long maxVmMigrations;
    long maxStorageMigrations;
    String virtualMachinePath;
    String virtualHardDiskPath;
    final List<MigrationNetwork> networks = new ArrayList<>();
    final List<String> switches;
    final List<String> migrationAddresses;
    long memoryTotalMB;
    long memoryFreeMB;
    final Map<String, long[]> volumes = new LinkedHashMap<>(); // drive -> {sizeMB, freeMB}
    boolean credentialGuard;
    double linkGbps;
    int rdmaLinks;
    HostSpec.NodeState nodeState;
    String drainStatus = "NotInitiated";
    boolean forceDrain;
    boolean running = true;
    HostSpec.TransportFault transportFault;
    /** The host's display language and formats (Get-Culture), e.g. en-US, de-DE, ja-JP. */
    String culture = "en-US";
    /** The directory as this host's Kerberos tickets saw it, and when the tickets were obtained. */
    DirectorySnapshot ticketView;
    Instant ticketViewAt;

    HostState(HostSpec spec, String domainNetbios) {
        this.spec = spec;
        this.name = spec.name().toUpperCase(Locale.ROOT);
        this.domain = spec.domain().toLowerCase(Locale.ROOT);
        this.domainNetbios = domainNetbios;
        this.fqdn = spec.name().toLowerCase(Locale.ROOT) + "." + domain;
        this.os = spec.os();
        this.cluster = spec.cluster() == null ? null : spec.cluster().toUpperCase(Locale.ROOT);
        HostSpec.MigrationSpec m = spec.migration();
        this.migrationEnabled = m.enabled();
        this.authenticationType = MigrationAuthenticationType.parse(m.authenticationType());
        this.performance = MigrationPerformance.parse(m.performanceOption());
        this.useAnyNetwork = m.useAnyNetwork();
        this.maxVmMigrations = m.maximumVirtualMachineMigrations();
        this.maxStorageMigrations = m.maximumStorageMigrations();
        this.virtualMachinePath = spec.virtualMachinePath();
        this.virtualHardDiskPath = spec.virtualHardDiskPath();
        spec.migrationNetworks().forEach(n -> networks.add(new MigrationNetwork(n.subnet(), n.priority())));
        this.switches = List.copyOf(spec.switches());
        this.migrationAddresses = List.copyOf(spec.migrationAddresses());
        this.memoryTotalMB = spec.memoryTotalGB() * 1024;
        this.memoryFreeMB = spec.memoryFreeGB() * 1024;
        spec.volumes().forEach(v -> volumes.put(v.path().toUpperCase(Locale.ROOT),
                new long[] {v.sizeGB() * 1024, v.freeGB() * 1024}));
        this.credentialGuard = spec.credentialGuard();
        this.linkGbps = spec.migrationLinkGbps();
        this.rdmaLinks = spec.migrationRdmaLinks();
        this.nodeState = spec.nodeState();
        this.transportFault = spec.winrm().fault();
    }

    String sam() {
        return name + "$";
    }

    boolean answersTo(String nameOrAddress) {
        String n = nameOrAddress.trim();
        return n.equalsIgnoreCase(name) || n.equalsIgnoreCase(fqdn)
                || (spec.managementAddress() != null && n.equals(spec.managementAddress()))
                || migrationAddresses.contains(n);
    }

    /** Configuration versions this host runs (reference §4, "Configuration version"). */
    List<String> supportedVersions() {
        return SupportedVersions.forOs(os);
    }

    HostInfo info() {
        return new HostInfo(name, fqdn, domain, os, cluster, running, migrationEnabled, authenticationType,
                performance, useAnyNetwork, maxVmMigrations, maxStorageMigrations, virtualMachinePath,
                virtualHardDiskPath, switches, spec.processor().vendor(), spec.processor().model(),
                spec.processor().family(), memoryTotalMB, memoryFreeMB, credentialGuard, linkGbps,
                supportedVersions(), migrationAddresses, spec.managementAddress(), spec.winrm(), transportFault);
    }
}
