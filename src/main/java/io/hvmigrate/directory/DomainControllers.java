package io.hvmigrate.directory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Finds a domain's domain controllers as Windows' DC locator does, by the DNS SRV records every DC registers:
 * {@code _ldap._tcp.dc._msdcs.<domain>} (priority, weight, port, target). Through the JDK's DNS provider, asking the
 * system's DNS servers or the one given ({@code 127.0.0.1:5353}, {@code dns.example.com}).
 */
public final class DomainControllers {
    private DomainControllers() {}

    /** One SRV answer: a DC's DNS name and its LDAP port. */
    public record Dc(String host, int port, int priority, int weight) {}

    /** The SRV name the DC locator asks for a domain's DCs. */
    public static String srvName(String domain) {
        return "_ldap._tcp.dc._msdcs." + domain.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The domain's DCs, lowest priority first, then highest weight.
     *
     * @param dnsServer {@code host[:port]} of the DNS server to ask, or null for the system's
     */
    public static List<Dc> locate(String domain, String dnsServer, Duration timeout) throws DirectoryException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", dnsServer == null || dnsServer.isBlank() ? "dns:" : "dns://" + dnsServer.trim());
        env.put("com.sun.jndi.dns.timeout.initial", String.valueOf(Math.max(100, timeout.toMillis())));
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        String name = srvName(domain);
        List<Dc> out = new ArrayList<>();
        DirContext ctx = null;
        try {
            ctx = new InitialDirContext(env);
            Attributes attrs = ctx.getAttributes(name, new String[] {"SRV"});
            Attribute srv = attrs.get("SRV");
            if (srv != null) {
                NamingEnumeration<?> all = srv.getAll();
                while (all.hasMore()) {
                    String[] p = String.valueOf(all.next()).trim().split("\\s+");
                    if (p.length == 4) {
                        String host = p[3].endsWith(".") ? p[3].substring(0, p[3].length() - 1) : p[3];
                        out.add(new Dc(host.toLowerCase(Locale.ROOT), Integer.parseInt(p[2]), Integer.parseInt(p[0]),
                                Integer.parseInt(p[1])));
                    }
                }
            }
        } catch (NameNotFoundException e) {
            throw new DirectoryException("no domain controller of " + domain + " in DNS: " + name + " has no SRV record");
        } catch (NamingException | NumberFormatException e) {
            throw new DirectoryException("cannot look up the domain controllers of " + domain + " (" + name + " SRV"
                    + (dnsServer == null ? "" : " at " + dnsServer) + "): " + e.getMessage());
        } finally {
            if (ctx != null) {
                try {
                    ctx.close();
                } catch (NamingException ignored) {
                    // nothing held
                }
            }
        }
        if (out.isEmpty()) {
            throw new DirectoryException("no domain controller of " + domain + " in DNS: " + name + " has no SRV record");
        }
        out.sort(Comparator.comparingInt(Dc::priority).thenComparing(Comparator.comparingInt(Dc::weight).reversed()));
        return List.copyOf(out);
    }
}
