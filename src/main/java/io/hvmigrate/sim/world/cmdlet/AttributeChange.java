package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.world.WorldException;

/** -Add, -Remove, -Replace and -Clear of Set-ADComputer and Set-ADObject, for msDS-AllowedToDelegateTo. */
final class AttributeChange {
    private AttributeChange() {}

    static void apply(Invocation in, String identity) throws WorldException, PsException {
        for (String p : new String[] {"Add", "Remove", "Replace"}) {
            var others = AdIdentity.otherAttributes(in.raw(p).orElse(null));
            if (!others.isEmpty()) {
                throw in.invalid("hvsim models only msDS-AllowedToDelegateTo among the attributes; not: "
                        + String.join(", ", others), others);
            }
        }
        if (in.strings("Clear").stream().anyMatch(a -> a.equalsIgnoreCase(AdIdentity.DELEGATE_TO))) {
            in.world.adReplaceAllowedToDelegateTo(identity, java.util.List.of());
        }
        if (in.has("Replace")) {
            in.world.adReplaceAllowedToDelegateTo(identity, AdIdentity.values(in.raw("Replace").orElseThrow(),
                    AdIdentity.DELEGATE_TO));
        }
        if (in.has("Remove")) {
            in.world.adRemoveAllowedToDelegateTo(identity, AdIdentity.values(in.raw("Remove").orElseThrow(),
                    AdIdentity.DELEGATE_TO));
        }
        if (in.has("Add")) {
            in.world.adAddAllowedToDelegateTo(identity, AdIdentity.values(in.raw("Add").orElseThrow(),
                    AdIdentity.DELEGATE_TO));
        }
    }
}
