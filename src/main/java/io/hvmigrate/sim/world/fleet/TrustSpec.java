package io.hvmigrate.sim.world.fleet;

/**
 * A trust. A forest trust joins two forest roots; an external trust joins any two domains of different forests (a
 * child domain's external trust to another forest's domain as well as a root's), is not transitive, and carries no
 * forest name suffix routing, so cross-realm Kerberos delegation over it is not something the simulator lets succeed.
 * Get-ADTrust shows it in both domains it joins. Parent-child trusts within a forest are not declared: they follow
 * from the domains' names and forests.
 *
 * @param from      trusting side (forest root or domain)
 * @param to        trusted side
 * @param type      Forest or External
 * @param direction Bidirectional, Outbound (from trusts to) or Inbound
 */
public record TrustSpec(String from, String to, TrustType type, TrustDirection direction) {
    public TrustSpec {
        direction = direction == null ? TrustDirection.Bidirectional : direction;
    }

    public enum TrustType { Forest, External }

    public enum TrustDirection { Bidirectional, Outbound, Inbound }
}
