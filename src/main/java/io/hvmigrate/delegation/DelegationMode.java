package io.hvmigrate.delegation;

/** Where delegation is recorded (hyperv-reference §3.2, §3.3). */
public enum DelegationMode {
    /**
     * Classic constrained delegation: SPNs in the SOURCE account's msDS-AllowedToDelegateTo, with protocol transition
     * ("use any authentication protocol"). Documented end to end for live migration; one domain only.
     */
    CONSTRAINED,
    /**
     * Resource-based constrained delegation: the source named in the DESTINATION account's
     * msDS-AllowedToActOnBehalfOfOtherIdentity. Crosses domains and forests; per account rather than per service.
     */
    RESOURCE_BASED
}
