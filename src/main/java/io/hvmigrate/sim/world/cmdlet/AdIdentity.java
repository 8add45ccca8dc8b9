package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.world.World;
import io.hvmigrate.sim.world.WorldException;
import io.hvmigrate.sim.world.ad.ComputerAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Identities and attribute hashtables of the ActiveDirectory cmdlets. */
final class AdIdentity {
    private AdIdentity() {}

    static final String DELEGATE_TO = "msDS-AllowedToDelegateTo";

    /** -Identity as a name, sAMAccountName, DN, GUID, or an ADComputer object. */
    static ComputerAccount computer(World world, Object identity) throws WorldException {
        String id = identity instanceof PsObject o
                ? o.get("DistinguishedName").or(() -> o.get("SamAccountName")).map(Object::toString).orElseThrow()
                : Invocation.text(identity);
        return world.adComputer(id);
    }

    /** -Identity looked up in one domain (Get-ADComputer -Server). */
    static ComputerAccount computer(World world, Object identity, String domain) throws WorldException {
        String id = identity instanceof PsObject o
                ? o.get("DistinguishedName").or(() -> o.get("SamAccountName")).map(Object::toString).orElseThrow()
                : Invocation.text(identity);
        return world.adComputer(id, domain);
    }

    /** The -Identity of a Set- cmdlet, searched in one domain as AD does: the one -Server names, or the host's own. */
    static ComputerAccount target(Invocation in) throws WorldException {
        return computer(in.world, in.raw("Identity").orElseThrow(),
                in.adDomain());
    }

    /** -PassThru: the account as the directory holds it after the change. */
    static void passThru(Invocation in, ComputerAccount c) throws WorldException {
        if (in.has("PassThru")) {
            in.write(WorldObjects.adComputer(in.world.adComputer(c.samAccountName()), java.util.List.of()));
        }
    }

    /** An ADPrincipal argument as {@code DOMAIN\NAME$}, the form hvsim keeps in the RBCD list. */
    static String principal(World world, Object value) throws WorldException {
        ComputerAccount c = computer(world, value);
        String netbios = world.topology().domain(c.domain()).map(d -> d.netbios()).orElse(c.domain());
        return netbios + "\\" + c.samAccountName();
    }

    /** The values a -Add/-Remove/-Replace hashtable gives one attribute (case-insensitive key). */
    static List<String> values(Object hashtable, String attribute) {
        if (!(hashtable instanceof PsHashtable t)) {
            return List.of();
        }
        for (Map.Entry<Object, Object> e : t.entrySet()) {
            if (String.valueOf(e.getKey()).equalsIgnoreCase(attribute)) {
                return Invocation.list(e.getValue());
            }
        }
        return List.of();
    }

    /** Attributes named in a hashtable that hvsim does not model. */
    static List<String> otherAttributes(Object hashtable) {
        List<String> out = new ArrayList<>();
        if (hashtable instanceof PsHashtable t) {
            for (Map.Entry<Object, Object> e : t.entrySet()) {
                if (!String.valueOf(e.getKey()).equalsIgnoreCase(DELEGATE_TO)) {
                    out.add(String.valueOf(e.getKey()));
                }
            }
        }
        return out;
    }
}
