package io.hvmigrate.sim.lab;

/** What a WinRM client got back from one {@code powershell -encodedcommand} run: exit code, stdout, stderr as text. */
record PsResult(int exitCode, String stdout, String stderr) {

    /** The stdout, or an assertion error that shows stderr when the script did not succeed. */
    String ok() {
        if (exitCode != 0) {
            throw new AssertionError("the script exited with " + exitCode + ": " + stderr);
        }
        return stdout;
    }
}
