package io.hvmigrate.sim.wsman.auth.ntlm;

import java.util.Objects;

/**
 * The names a server puts in its CHALLENGE message.
 *
 * @param computerName    the NetBIOS computer name, e.g. {@code HV1}
 * @param netbiosDomain   the NetBIOS domain name ({@code LAB}), or the computer name for a workgroup server
 * @param dnsComputerName the FQDN, e.g. {@code hv1.lab.test}
 * @param dnsDomain       the DNS domain ({@code lab.test}), or the computer name for a workgroup server
 * @param domainJoined    whether the server is a domain member (decides the target type and the tree name)
 */
public record NtlmTarget(String computerName, String netbiosDomain, String dnsComputerName, String dnsDomain,
                         boolean domainJoined) {

    public NtlmTarget {
        Objects.requireNonNull(computerName, "computerName");
        Objects.requireNonNull(netbiosDomain, "netbiosDomain");
        Objects.requireNonNull(dnsComputerName, "dnsComputerName");
        Objects.requireNonNull(dnsDomain, "dnsDomain");
    }
}
