package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.wsman.auth.ntlm.NtlmTarget;
import java.util.Locale;
import java.util.Objects;

/**
 * Who the simulated host is: the names a Windows server announces in NTLM and uses for its local accounts.
 *
 * @param computerName  the NetBIOS computer name, upper case ({@code HV1})
 * @param dnsDomain     the DNS domain ({@code lab.test}), empty for a workgroup server
 * @param netbiosDomain the NetBIOS domain ({@code LAB}), empty for a workgroup server
 */
public record HostIdentity(String computerName, String dnsDomain, String netbiosDomain) {

    public HostIdentity {
        Objects.requireNonNull(computerName, "computerName");
        Objects.requireNonNull(dnsDomain, "dnsDomain");
        Objects.requireNonNull(netbiosDomain, "netbiosDomain");
        if (computerName.isBlank()) {
            throw new IllegalArgumentException("a host needs a computer name");
        }
        if (dnsDomain.isEmpty() != netbiosDomain.isEmpty()) {
            throw new IllegalArgumentException("a domain member needs both its DNS and its NetBIOS domain name");
        }
        computerName = computerName.toUpperCase(Locale.ROOT);
        dnsDomain = dnsDomain.toLowerCase(Locale.ROOT);
        netbiosDomain = netbiosDomain.toUpperCase(Locale.ROOT);
    }

    /**
     * The identity Windows derives from a host name: {@code hv1.lab.test} is computer {@code HV1} in DNS domain
     * {@code lab.test}, NetBIOS domain {@code LAB} (its first label; use {@link #withNetbiosDomain} when it differs);
     * a name without a dot is a workgroup server.
     */
    public static HostIdentity of(String hostName) {
        Objects.requireNonNull(hostName, "hostName");
        String name = hostName.trim().toLowerCase(Locale.ROOT);
        int dot = name.indexOf('.');
        if (dot < 0) {
            return new HostIdentity(netbios(name), "", "");
        }
        String domain = name.substring(dot + 1);
        int domainDot = domain.indexOf('.');
        return new HostIdentity(netbios(name.substring(0, dot)), domain,
                netbios(domainDot < 0 ? domain : domain.substring(0, domainDot)));
    }

    public HostIdentity withNetbiosDomain(String netbiosName) {
        return new HostIdentity(computerName, dnsDomain, netbiosName);
    }

    public boolean domainJoined() {
        return !dnsDomain.isEmpty();
    }

    /** {@code hv1.lab.test}, or {@code hv1} for a workgroup server. */
    public String fqdn() {
        String host = computerName.toLowerCase(Locale.ROOT);
        return domainJoined() ? host + "." + dnsDomain : host;
    }

    /** What the host puts in an NTLM CHALLENGE. */
    public NtlmTarget ntlmTarget() {
        return domainJoined()
                ? new NtlmTarget(computerName, netbiosDomain, fqdn(), dnsDomain, true)
                : new NtlmTarget(computerName, computerName, fqdn(), fqdn(), false);
    }

    private static String netbios(String label) {
        String upper = label.toUpperCase(Locale.ROOT);
        return upper.length() > 15 ? upper.substring(0, 15) : upper;
    }
}
