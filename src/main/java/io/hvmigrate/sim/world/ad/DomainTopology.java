package io.hvmigrate.sim.world.ad;

import io.hvmigrate.sim.world.fleet.DomainSpec;
import io.hvmigrate.sim.world.fleet.TrustSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Domains, their forests, and the trusts between them. */
public record DomainTopology(List<DomainSpec> domains, List<TrustSpec> trusts) {
    public DomainTopology {
        domains = List.copyOf(domains);
        trusts = List.copyOf(trusts);
    }

    public Optional<DomainSpec> domain(String dnsOrNetbios) {
        return domains.stream().filter(d -> d.name().equalsIgnoreCase(dnsOrNetbios)
                || d.netbios().equalsIgnoreCase(dnsOrNetbios)).findFirst();
    }

    public String forestOf(String domain) {
        return domain(domain).map(DomainSpec::forest).orElse(domain).toLowerCase(Locale.ROOT);
    }

    public boolean sameForest(String domainA, String domainB) {
        return forestOf(domainA).equals(forestOf(domainB));
    }

    /**
     * True when Kerberos can route between the two domains' forests: same forest, or a forest trust whose direction
     * lets {@code from}'s principals reach {@code to} (the resource's forest must trust the account's forest).
     */
    public boolean kerberosRoutable(String accountDomain, String resourceDomain) {
        if (sameForest(accountDomain, resourceDomain)) {
            return true;
        }
        String a = forestOf(accountDomain);
        String r = forestOf(resourceDomain);
        for (TrustSpec t : trusts) {
            if (t.type() != TrustSpec.TrustType.Forest) {
                continue;
            }
            String from = t.from().toLowerCase(Locale.ROOT);
            String to = t.to().toLowerCase(Locale.ROOT);
            // the trusting side (from) accepts the trusted side's (to) principals
            boolean resourceTrustsAccount = switch (t.direction()) {
                case Bidirectional -> (from.equals(r) && to.equals(a)) || (from.equals(a) && to.equals(r));
                case Outbound -> from.equals(r) && to.equals(a);
                case Inbound -> from.equals(a) && to.equals(r);
            };
            if (resourceTrustsAccount) {
                return true;
            }
        }
        return false;
    }
}
