package io.hvmigrate.sim.world;

import io.hvmigrate.sim.world.fleet.HostSpec;
import java.util.List;

/** A host as Get-VMHost and the fleet describe it, at one moment. Memory in MiB. */
public record HostInfo(String name, String fqdn, String domain, int os, String cluster, boolean running,
                       boolean migrationEnabled, MigrationAuthenticationType authenticationType,
                       MigrationPerformance performanceOption, boolean useAnyNetworkForMigration,
                       long maximumVirtualMachineMigrations, long maximumStorageMigrations,
                       String virtualMachinePath, String virtualHardDiskPath, List<String> switches,
                       String processorVendor, String processorModel, String processorFamily, long memoryTotalMB,
                       long memoryFreeMB, boolean credentialGuard, double migrationLinkGbps,
                       List<String> supportedVersions, List<String> migrationAddresses, String managementAddress,
                       HostSpec.WinRmSpec winrm, HostSpec.TransportFault transportFault) {}
