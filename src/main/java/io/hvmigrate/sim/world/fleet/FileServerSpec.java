package io.hvmigrate.sim.world.fleet;

import java.util.List;

/**
 * An SMB 3.0 file server, or a Scale-Out File Server. For a SOFS, {@code name} is the client access point that VM paths
 * name ({@code \\SOFS1\vms}) and {@code nodes} are the servers behind it; Kerberos delegation must name the access
 * point, not the nodes.
 *
 * @param name    NetBIOS name of the server or access point
 * @param domain  DNS name of its domain
 * @param sofs    true for a Scale-Out File Server
 * @param nodes   SOFS nodes (NetBIOS names); each gets a computer account
 * @param shares  shares
 * @param account delegation settings of the server's (access point's) account
 */
public record FileServerSpec(String name, String domain, Boolean sofs, List<String> nodes, List<ShareSpec> shares,
                             AccountSpec account) {
    public FileServerSpec {
        sofs = sofs != null && sofs;
        nodes = Lists.of(nodes);
        shares = Lists.of(shares);
        account = account == null ? AccountSpec.NONE : account;
    }

    /**
     * @param name        share name
     * @param sizeGB      capacity in GiB
     * @param freeGB      free space in GiB
     * @param fullControl accounts with Full Control on share and NTFS, e.g. {@code HV-S1$} or a cluster's {@code CLA$}
     */
    public record ShareSpec(String name, Long sizeGB, Long freeGB, List<String> fullControl) {
        public ShareSpec {
            sizeGB = sizeGB == null ? 4096L : sizeGB;
            freeGB = freeGB == null ? sizeGB : freeGB;
            fullControl = Lists.of(fullControl);
        }
    }
}
