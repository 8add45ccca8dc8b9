package io.hvmigrate.transport.sealed;

import io.cloudsoft.winrm4j.client.WinRmClient;
import io.cloudsoft.winrm4j.client.WinRmClientBuilder;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.service.model.EndpointInfo;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transport.http.HTTPConduitFactory;
import org.apache.cxf.transport.http.asyncclient.AsyncHTTPConduit;
import org.apache.cxf.transport.http.asyncclient.AsyncHTTPConduitFactory;
import org.apache.cxf.ws.addressing.EndpointReferenceType;

/**
 * WinRM over plain HTTP with message encryption, as WinRM's default listener (port 5985, {@code AllowUnencrypted=false})
 * requires it: WinRM4J stays the WS-Management client; its messages travel through a {@link SealedConduit}, each
 * connection authenticated with Kerberos or NTLM ({@link Login}) and every message sealed with that connection's
 * context. Unencrypted SOAP is never sent.
 *
 * <p>One instance serves every host of a run over one CXF bus; {@link #build} ties a WinRM4J client to its own
 * channel.
 */
public final class SealedHttp implements AutoCloseable {
    private static final ThreadLocal<Pending> PENDING = new ThreadLocal<>();

    private record Pending(SealedChannel channel, URI uri) {
    }

    private final Bus bus;
    private final WinRmClientContext context;

    public SealedHttp() {
        bus = BusFactory.newInstance().createBus();
        bus.getProperties().put(AsyncHTTPConduit.USE_ASYNC, Boolean.TRUE);
        bus.getProperties().put(AsyncHTTPConduitFactory.USE_POLICY, AsyncHTTPConduitFactory.UseAsyncPolicy.ALWAYS);
        bus.setExtension(new Factory(bus), HTTPConduitFactory.class);
        context = WinRmClientContext.newInstance(bus);
    }

    /** The WinRM4J context whose clients {@link #build} makes. */
    public WinRmClientContext context() {
        return context;
    }

    /**
     * How each connection to a host authenticates, and so which keys seal its messages. Shows the account, never a
     * password.
     */
    public static final class Login {
        private final String description;
        private final SealedChannel.Securities securities;

        private Login(String description, SealedChannel.Securities securities) {
            this.description = description;
            this.securities = securities;
        }

        /** The run's Kerberos login (JGSS's default credentials), to the host's {@code HTTP/<fqdn>}. */
        public static Login kerberos(String fqdn) {
            return new Login("Kerberos to HTTP/" + fqdn, () -> new KerberosSecurity(fqdn));
        }

        /**
         * NTLMv2 as {@code account} ({@code DOMAIN\\user}, or a local account's name); only the password's NTOWFv2 is
         * kept.
         */
        public static Login ntlm(String account, String password) {
            NtlmSecurity.Credentials credentials = NtlmSecurity.Credentials.of(account, password);
            return new Login("NTLM as " + account, () -> new NtlmSecurity(credentials));
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * Builds a WinRM4J client (configured on {@code builder}, which must use {@link #context()}) that reaches
     * {@code address:port} over HTTP, each connection authenticated by {@code login}, every message sealed.
     */
    public WinRmClient build(WinRmClientBuilder builder, String address, int port, Login login) {
        String authority = (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        URI uri = URI.create("http://" + authority + "/wsman");
        SealedChannel channel = new SealedChannel(new InetSocketAddress(address, port), authority, "/wsman",
                login.securities);
        PENDING.set(new Pending(channel, uri));
        try {
            return builder.build();
        } finally {
            PENDING.remove();
        }
    }

    @Override
    public void close() {
        bus.shutdown(true);
    }

    /** Hands the client being built its channel; any other conduit of this bus is refused. */
    private static final class Factory extends AsyncHTTPConduitFactory {
        Factory(Bus bus) {
            super(bus);
        }

        @Override
        public HTTPConduit createConduit(Bus bus, EndpointInfo endpoint, EndpointReferenceType target) throws IOException {
            Pending pending = PENDING.get();
            if (pending == null) {
                throw new IOException("no sealed channel for this WinRM client: plain HTTP is never sent unencrypted");
            }
            return new SealedConduit(bus, endpoint, target, this, pending.channel(), pending.uri());
        }
    }
}
