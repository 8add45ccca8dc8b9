package io.hvmigrate.sim.world.fleet;

import java.util.List;

/**
 * A simulated fleet as the fleet file describes it: the directory (domains, trusts, accounts), clusters, file servers,
 * hosts, VMs and the faults planted in them. Immutable; {@code World} builds live state from it.
 *
 * @param name        the fleet's name; it seeds the VMs' deterministic Ids
 * @param kerberos    ticket lifetime used for delegation caching
 * @param domains     Active Directory domains and the forest each belongs to
 * @param trusts      trusts between forests (type Forest) or between domains (type External)
 * @param users       user accounts, e.g. the engine's service account
 * @param computers   extra computer accounts (anything that is not a host, cluster, file server or SOFS)
 * @param clusters    failover clusters
 * @param fileServers SMB file servers and Scale-Out File Servers
 * @param hosts       Hyper-V hosts, clustered or standalone
 * @param vms         virtual machines
 * @param faults      faults to inject (migration failures, crashes, transport faults)
 * @param secondHopAllowed not as Windows does: a WinRM session may reach other computers (a DC's AD Web Services, an
 *                    SMB share) as if its logon's credentials could be passed on. Only for test fleets that read
 *                    several forests' directories through one host; default false (the second hop fails without
 *                    delegation, as on Windows)
 */
public record Fleet(String name, KerberosSpec kerberos, List<DomainSpec> domains, List<TrustSpec> trusts,
                    List<UserSpec> users, List<ComputerSpec> computers, List<ClusterSpec> clusters,
                    List<FileServerSpec> fileServers, List<HostSpec> hosts, List<VmSpec> vms,
                    List<FaultSpec> faults, Boolean secondHopAllowed) {
    public Fleet {
        kerberos = kerberos == null ? new KerberosSpec(null) : kerberos;
        domains = Lists.of(domains);
        trusts = Lists.of(trusts);
        users = Lists.of(users);
        computers = Lists.of(computers);
        clusters = Lists.of(clusters);
        fileServers = Lists.of(fileServers);
        hosts = Lists.of(hosts);
        vms = Lists.of(vms);
        faults = Lists.of(faults);
        secondHopAllowed = secondHopAllowed != null && secondHopAllowed;
    }
}
