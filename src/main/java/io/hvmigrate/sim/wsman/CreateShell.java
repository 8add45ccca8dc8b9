package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.wsman.soap.Namespaces;
import io.hvmigrate.sim.wsman.soap.WsmanRequest;
import io.hvmigrate.sim.wsman.soap.Xml;
import java.util.function.Supplier;

/**
 * {@code Create}: opens a shell. The ShellId is answered twice, as Windows does: in
 * {@code x:ResourceCreated/a:ReferenceParameters/w:SelectorSet} (where pywinrm and the npm client look) and in
 * {@code rsp:Shell/rsp:ShellId}.
 */
final class CreateShell implements WsmanOperation {

    private final ShellTable shells;
    private final Supplier<String> endpointAddress;

    CreateShell(ShellTable shells, Supplier<String> endpointAddress) {
        this.shells = shells;
        this.endpointAddress = endpointAddress;
    }

    @Override
    public WsmanReply handle(WsmanRequest request, Caller caller) {
        return shells.open(caller.owner(),
                        id -> new ShellSession(id, caller.account().name(), caller.method(), caller.clientAddress()))
                .<WsmanReply>map(shell -> new WsmanReply.Success(WsmanAction.CREATE.responseUri(), body(request, shell)))
                .orElseGet(() -> new WsmanReply.Failure(WsmanFault.shellQuotaExceeded()));
    }

    /** The idle timeout as Windows writes it, e.g. {@code PT7200.000S}. */
    private String idleTimeOut() {
        long millis = shells.idleTimeout().toMillis();
        return String.format(java.util.Locale.ROOT, "PT%d.%03dS", millis / 1000, millis % 1000);
    }

    private String body(WsmanRequest request, Shell shell) {
        String address = request.to() == null || request.to().isBlank() ? endpointAddress.get() : request.to().trim();
        String id = Xml.escape(shell.id());
        return "<x:ResourceCreated><a:Address>" + Xml.escape(address) + "</a:Address><a:ReferenceParameters>"
                + "<w:ResourceURI>" + Namespaces.CMD_SHELL_RESOURCE + "</w:ResourceURI><w:SelectorSet>"
                + "<w:Selector Name=\"ShellId\">" + id + "</w:Selector></w:SelectorSet></a:ReferenceParameters>"
                + "</x:ResourceCreated>"
                + "<rsp:Shell xmlns:rsp=\"" + Namespaces.SHELL + "\"><rsp:ShellId>" + id + "</rsp:ShellId>"
                + "<rsp:ResourceUri>" + Namespaces.CMD_SHELL_RESOURCE + "</rsp:ResourceUri>"
                + "<rsp:Owner>" + Xml.escape(shell.session().user()) + "</rsp:Owner>"
                + "<rsp:ClientIP>" + Xml.escape(shell.session().clientAddress()) + "</rsp:ClientIP>"
                + "<rsp:IdleTimeOut>" + idleTimeOut() + "</rsp:IdleTimeOut>"
                + "<rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams>"
                + "<rsp:ShellRunTime>P0DT0H0M0S</rsp:ShellRunTime><rsp:ShellInactivity>P0DT0H0M0S</rsp:ShellInactivity>"
                + "</rsp:Shell>";
    }
}
