package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.wsman.soap.WsmanRequest;

/**
 * {@code Signal}: passes {@code terminate} or {@code ctrl_c} to the command. After {@code terminate} the command is
 * gone from the shell, as its process is.
 */
final class SignalCommand implements WsmanOperation {

    private final ShellTable shells;

    SignalCommand(ShellTable shells) {
        this.shells = shells;
    }

    @Override
    public WsmanReply handle(WsmanRequest request, Caller caller) {
        String shellId = request.shellId().orElse("");
        Shell shell = shells.find(shellId, caller.owner()).orElse(null);
        if (shell == null) {
            return new WsmanReply.Failure(WsmanFault.shellNotFound(shellId));
        }
        String commandId = request.body().commandId().orElse(null);
        CommandRun run = shell.command(commandId).orElse(null);
        String code = request.body().signalCode().orElse("");
        if (run == null || code.isEmpty()) {
            return new WsmanReply.Failure(WsmanFault.invalidParameter());
        }
        run.signal(code);
        if (code.equals(Shell.TERMINATE)) {
            shell.forget(commandId);
        }
        return new WsmanReply.Success(WsmanAction.SIGNAL.responseUri(), "<rsp:SignalResponse/>");
    }
}
