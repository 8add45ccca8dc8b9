package io.hvmigrate.sim.world.ad;

/** The identity does not resolve, or the directory refused a change. */
public class DirectoryException extends Exception {
    private final String identity;

    public DirectoryException(String identity, String message) {
        super(message);
        this.identity = identity;
    }

    public String identity() {
        return identity;
    }
}
