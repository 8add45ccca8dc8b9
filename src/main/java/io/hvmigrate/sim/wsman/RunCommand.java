package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.wsman.soap.SoapResponses;
import io.hvmigrate.sim.wsman.soap.WsmanRequest;
import io.hvmigrate.sim.wsman.soap.Xml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code Command}: hands the command line to the host, which starts it and returns at once. */
final class RunCommand implements WsmanOperation {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private final ShellTable shells;
    private final ShellHost host;

    RunCommand(ShellTable shells, ShellHost host) {
        this.shells = shells;
        this.host = host;
    }

    @Override
    public WsmanReply handle(WsmanRequest request, Caller caller) {
        String shellId = request.shellId().orElse("");
        Shell shell = shells.find(shellId, caller.owner()).orElse(null);
        if (shell == null) {
            return new WsmanReply.Failure(WsmanFault.shellNotFound(shellId));
        }
        if (request.body().command().isEmpty()) {
            return new WsmanReply.Failure(WsmanFault.invalidParameter());
        }
        RunningCommand running;
        try {
            running = host.start(shell.session(), request.body().command().get().trim(), request.body().arguments());
        } catch (RuntimeException e) {
            LOG.warn("the shell host failed to start a command in shell {}", shell.id(), e);
            return new WsmanReply.Failure(WsmanFault.internalError("The WinRM shell could not start the command. "));
        }
        CommandRun run = new CommandRun(SoapResponses.newId(), running);
        shell.add(run);
        return new WsmanReply.Success(WsmanAction.COMMAND.responseUri(),
                "<rsp:CommandResponse><rsp:CommandId>" + Xml.escape(run.id()) + "</rsp:CommandId></rsp:CommandResponse>");
    }
}
