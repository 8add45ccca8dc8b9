package io.hvmigrate.sim.ps;

/** A terminating error: the interpreter unwinds to the nearest {@code try/catch}, or ends the script. */
public class PsException extends Exception {
    private final ErrorRecord record;

    public PsException(ErrorRecord record) {
        super(record.message(), null, false, false);
        this.record = record;
    }

    public ErrorRecord record() {
        return record;
    }
}
