/**
 * The directory the hosts authenticate against: computer and user accounts with the attributes Kerberos delegation
 * reads (msDS-AllowedToDelegateTo, userAccountControl, msDS-AllowedToActOnBehalfOfOtherIdentity), domains, forests
 * and trusts. {@link io.hvmigrate.sim.world.ad.Directory} is the seam for a real LDAP-backed directory.
 */
package io.hvmigrate.sim.world.ad;
