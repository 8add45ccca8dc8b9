/**
 * The fleet file ({@code config/fleets/*.yaml}, schema {@code schema/fleet.schema.json}): immutable records with
 * Windows' defaults, and {@link io.hvmigrate.sim.world.fleet.FleetLoader}, which reports unknown keys and wrong types
 * as {@code file:line:col} and unresolved references by their place in the tree.
 */
package io.hvmigrate.sim.world.fleet;
