package io.hvmigrate.sim.world.fleet;

/**
 * An Active Directory domain.
 *
 * @param name    DNS name, e.g. {@code lab.test}
 * @param netbios NetBIOS name, e.g. {@code LAB}
 * @param forest  DNS name of the forest root; defaults to the domain itself
 */
public record DomainSpec(String name, String netbios, String forest) {
    public DomainSpec {
        forest = forest == null ? name : forest;
    }
}
