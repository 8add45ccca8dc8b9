/**
 * The cmdlets that act on the world, one class each, declared as their help pages give them and registered in
 * {@link io.hvmigrate.sim.world.cmdlet.WorldCommands#all()}. Each asks the context for a
 * {@link io.hvmigrate.sim.world.HostSession} ({@code ctx.host(HostSession.class)}): the world, the local host and the
 * shell's caller.
 */
package io.hvmigrate.sim.world.cmdlet;
