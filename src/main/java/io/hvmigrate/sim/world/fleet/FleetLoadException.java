package io.hvmigrate.sim.world.fleet;

/** The fleet file could not be read or is inconsistent; the message names the place (file:line:col or a path). */
public class FleetLoadException extends Exception {
    public FleetLoadException(String message) {
        super(message);
    }

    public FleetLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
