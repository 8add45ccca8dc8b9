package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.world.WorldException;

/**
 * -Add, -Remove, -Replace and -Clear of Set-ADComputer and Set-ADObject, for msDS-AllowedToDelegateTo: one change of
 * the object, in the documented order Remove, Add, Replace, Clear (Set-ADComputer.md, -Add and -Clear), refused when
 * it adds a value already there or removes one that is not (see {@link io.hvmigrate.sim.world.World#adModifyAllowedToDelegateTo}).
 */
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
        if (!in.has("Add") && !in.has("Remove") && !in.has("Replace") && !in.has("Clear")) {
            return;
        }
        java.util.List<String> remove = in.has("Remove") ? AdIdentity.values(in.raw("Remove").orElseThrow(),
                AdIdentity.DELEGATE_TO) : java.util.List.of();
        java.util.List<String> add = in.has("Add") ? AdIdentity.values(in.raw("Add").orElseThrow(),
                AdIdentity.DELEGATE_TO) : java.util.List.of();
        java.util.List<String> replace = in.has("Replace") ? AdIdentity.values(in.raw("Replace").orElseThrow(),
                AdIdentity.DELEGATE_TO) : null;
        boolean clear = in.strings("Clear").stream().anyMatch(a -> a.equalsIgnoreCase(AdIdentity.DELEGATE_TO));
        in.world.adModifyAllowedToDelegateTo(identity, remove, add, replace, clear);
    }
}
