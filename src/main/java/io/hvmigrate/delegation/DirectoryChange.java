package io.hvmigrate.delegation;

import java.util.List;

/** One change to one computer account in the directory. */
public sealed interface DirectoryChange {

    /** The sAMAccountName changed, e.g. {@code HV-M1$}. */
    String account();

    /** The domain (DNS name) of the account: the AD cmdlets' {@code -Server}. */
    String domain();

    /** The computer the account belongs to. */
    Computer computer();

    /** Adds SPNs to the source's msDS-AllowedToDelegateTo. */
    record AddDelegateTo(Computer computer, String account, String domain, List<String> spns) implements DirectoryChange {
        public AddDelegateTo {
            spns = List.copyOf(spns);
        }
    }

    /** Removes entries that do nothing from msDS-AllowedToDelegateTo ({@code --prune}). */
    record RemoveDelegateTo(Computer computer, String account, String domain, List<String> spns, String why)
            implements DirectoryChange {
        public RemoveDelegateTo {
            spns = List.copyOf(spns);
        }
    }

    /**
     * Sets TRUSTED_TO_AUTH_FOR_DELEGATION (0x1000000, "use any authentication protocol"): a move started over WinRM
     * gives the source's VMMS no forwardable ticket, so classic delegation needs protocol transition (Server 2016+).
     */
    record AllowProtocolTransition(Computer computer, String account, String domain) implements DirectoryChange {}

    /**
     * Clears TRUSTED_FOR_DELEGATION (0x80000, unconstrained delegation), only when asked ({@code --clear-unconstrained}):
     * live migration does not need it, but other services of the host may, so it is never cleared by default.
     */
    record StopUnconstrained(Computer computer, String account, String domain) implements DirectoryChange {}

    /** Adds principals to the target's msDS-AllowedToActOnBehalfOfOtherIdentity, merged with those it has. */
    record AddPrincipals(Computer computer, String account, String domain, List<Principal> principals)
            implements DirectoryChange {
        public AddPrincipals {
            principals = List.copyOf(principals);
        }
    }

    /** A source allowed to delegate to a target by resource-based delegation. */
    record Principal(Computer computer, String account) {}
}
