package io.hvmigrate.sim.wsman;

import java.util.List;

/**
 * What a WS-Management endpoint runs commands on: the simulated Windows host behind it. The endpoint calls
 * {@link #start} for every {@code Command} request (the command line exactly as the client sent it, e.g.
 * {@code powershell -encodedcommand <base64>}, plus any {@code rsp:Arguments}) and then pulls output from the returned
 * {@link RunningCommand} for each {@code Receive}.
 */
public interface ShellHost {

    /**
     * Starts a command and returns at once; the command runs on its own thread.
     *
     * @param session   the shell it runs in and who opened it
     * @param command   {@code rsp:Command}
     * @param arguments {@code rsp:Arguments}, in order (often empty)
     */
    RunningCommand start(ShellSession session, String command, List<String> arguments);
}
