package io.hvmigrate.sim.world;

/**
 * What a cmdlet running in a shell on a simulated host works against: the world, the host the shell runs on, and who
 * opened the shell. The interpreter hands it out through {@code CommandContext.host(HostSession.class)}.
 *
 * @param world        the fleet's live state
 * @param computerName the local host (NetBIOS name)
 * @param caller       the shell's user and logon
 */
public record HostSession(World world, String computerName, Caller caller) {}
