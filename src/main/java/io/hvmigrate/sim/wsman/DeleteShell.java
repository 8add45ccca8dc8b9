package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.wsman.soap.WsmanRequest;

/** {@code Delete}: ends the shell and whatever it still runs. */
final class DeleteShell implements WsmanOperation {

    private final ShellTable shells;

    DeleteShell(ShellTable shells) {
        this.shells = shells;
    }

    @Override
    public WsmanReply handle(WsmanRequest request, Caller caller) {
        String shellId = request.shellId().orElse("");
        return shells.close(shellId, caller.owner())
                .<WsmanReply>map(shell -> {
                    shell.terminateAll();
                    return new WsmanReply.Success(WsmanAction.DELETE.responseUri(), "");
                })
                .orElseGet(() -> new WsmanReply.Failure(WsmanFault.shellNotFound(shellId)));
    }
}
