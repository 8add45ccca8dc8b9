package io.hvmigrate.sim.world;

/** A Get-VMMigrationNetwork entry. @param subnet address or CIDR; @param priority lower is preferred */
public record MigrationNetwork(String subnet, int priority) {}
