package io.hvmigrate.delegation;

import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Names;

/**
 * A computer that takes part in delegation: a Hyper-V host (which delegates, and is delegated to) or a file server
 * (delegated to, for {@code cifs}). For a Scale-Out File Server this is the client access point, never a node.
 *
 * @param name    the name the inventory and the facts use
 * @param fqdn    DNS name, or null when not known
 * @param netbios NetBIOS name, or null when not known
 * @param domain  DNS name of its domain, or null when not known
 */
public record Computer(String name, String fqdn, String netbios, String domain, Kind kind) {

    public enum Kind { HOST, FILE_SERVER }

    public static Computer of(Facts.HostFacts h) {
        return new Computer(h.name(), h.fqdn(), h.netbios(), domainOf(h.domain(), h.fqdn()), Kind.HOST);
    }

    public static Computer of(Facts.FileServerFacts f) {
        return new Computer(f.name(), f.fqdn(), f.netbios(), domainOf(f.domain(), f.fqdn()), Kind.FILE_SERVER);
    }

    /** A file server the facts do not describe, known only by the name a path uses. */
    static Computer unknownFileServer(String server) {
        boolean dotted = server.contains(".");
        return new Computer(server, dotted ? server : null, Names.netbiosOf(server), dotted ? Names.domainOf(server) : null,
                Kind.FILE_SERVER);
    }

    private static String domainOf(String domain, String fqdn) {
        return domain != null ? domain : fqdn == null ? null : Names.domainOf(fqdn);
    }

    public boolean answersTo(String n) {
        return Names.same(name, n) || Names.same(fqdn, n) || Names.same(netbios, n);
    }

    /** The name commands use to reach it: its DNS name when known. */
    public String address() {
        return fqdn != null ? fqdn : name;
    }
}
