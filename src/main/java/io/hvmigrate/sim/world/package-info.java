/**
 * hvsim's world: the live state of a simulated fleet and the rules Windows applies to it.
 *
 * <p>{@link io.hvmigrate.sim.world.World} is built from a {@link io.hvmigrate.sim.world.fleet.Fleet} and a
 * {@link io.hvmigrate.sim.world.SimClock}. It answers reads (hosts, VMs, clusters, directory, migration jobs) and
 * performs operations (host settings, Move-VM, cluster moves and roles, drain, directory changes, ticket purges,
 * crashes), each checked as Windows checks it; a refusal is a {@link io.hvmigrate.sim.world.WorldException} that
 * carries the .NET exception type, Windows' message, the HRESULT, the ErrorCategory and the error id.
 *
 * <p>Migrations run on simulated time: they queue under the per-host and per-cluster limits, progress, and end as
 * the clock moves. Each host acts on the directory as its Kerberos tickets last saw it, until {@code klist purge -li
 * 0x3e7}, a reboot, or the ticket lifetime.
 *
 * <p>Sub-packages: {@code fleet} (the fleet file and its loader), {@code ad} (the directory, behind an interface),
 * {@code cmdlet} (the cmdlets, registered in {@link io.hvmigrate.sim.world.cmdlet.WorldCommands}).
 */
package io.hvmigrate.sim.world;
