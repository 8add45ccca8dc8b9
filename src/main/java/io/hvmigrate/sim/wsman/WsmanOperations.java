package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.wsman.soap.Namespaces;
import io.hvmigrate.sim.wsman.soap.WsmanRequest;
import java.util.Map;
import java.util.function.Supplier;

/** The operations of the Windows Remote Shell, by action: an explicit table, no lookup by reflection. */
final class WsmanOperations {

    private final Map<WsmanAction, WsmanOperation> byAction;

    WsmanOperations(ShellTable shells, ShellHost host, Supplier<String> endpointAddress) {
        this.byAction = Map.of(
                WsmanAction.CREATE, new CreateShell(shells, endpointAddress),
                WsmanAction.COMMAND, new RunCommand(shells, host),
                WsmanAction.RECEIVE, new ReceiveOutput(shells),
                WsmanAction.SIGNAL, new SignalCommand(shells),
                WsmanAction.DELETE, new DeleteShell(shells));
    }

    WsmanReply dispatch(WsmanRequest request, Caller caller) throws InterruptedException {
        WsmanOperation operation = byAction.get(WsmanAction.of(request.action()));
        if (operation == null) {
            return new WsmanReply.Failure(WsmanFault.actionNotSupported());
        }
        if (request.resourceUri() == null || !request.resourceUri().trim().equals(Namespaces.CMD_SHELL_RESOURCE)) {
            return new WsmanReply.Failure(WsmanFault.invalidResourceUri());
        }
        return operation.handle(request, caller);
    }
}
