package io.hvmigrate.sim.world.fleet;

/**
 * @param ticketLifetimeMinutes how long a host keeps acting on delegation it learned before a directory change;
 *                              Microsoft's troubleshooting guide says tickets time out within about 15 minutes
 */
public record KerberosSpec(Integer ticketLifetimeMinutes) {
    public KerberosSpec {
        ticketLifetimeMinutes = ticketLifetimeMinutes == null ? 15 : ticketLifetimeMinutes;
    }
}
