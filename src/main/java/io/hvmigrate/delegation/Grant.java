package io.hvmigrate.delegation;

/**
 * One service a source host must be allowed to delegate to: {@code spn} is the entry classic constrained delegation
 * stores in the source's msDS-AllowedToDelegateTo; resource-based delegation grants the same by naming the source on
 * the target's account.
 *
 * @param why what needs it, for a person to read ("live migration to hv-s1", "the VM's files are on \\FS1")
 */
public record Grant(Computer source, Computer target, String spn, String why) {}
