package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.tls.HostCertificate;
import io.hvmigrate.sim.wsman.auth.AccountStore;
import io.hvmigrate.sim.wsman.auth.ChannelBinding;
import io.hvmigrate.sim.wsman.auth.NegotiateMechanism;
import io.hvmigrate.sim.wsman.auth.ntlm.NtlmMechanism;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WinRM listener of one simulated Hyper-V host: WS-Management over HTTP or HTTPS on a loopback address, path
 * {@code /wsman}, serving the Windows Remote Shell (Create, Command, Receive, Signal, Delete) to real WinRM clients and
 * handing each command line to a {@link ShellHost}.
 *
 * <p>Authentication is checked against an {@link AccountStore}: Negotiate (NTLMv2, with message encryption over HTTP;
 * further mechanisms such as Kerberos plug in as {@link NegotiateMechanism}s) and Basic (local accounts, HTTPS only
 * unless AllowUnencrypted). Each connection is served by its own virtual thread, so hundreds of Receives can wait for
 * output at once without tying up platform threads.
 *
 * <pre>{@code
 * try (WsmanEndpoint hv1 = WsmanEndpoint.builder()
 *         .host(HostIdentity.of("hv1.lab.test"))
 *         .https(fleetCa.issue("hv1.lab.test"))
 *         .accounts(AccountStore.of(Map.of("LAB\\admin", "S3cret!pw")))
 *         .shellHost(powershell)
 *         .build()
 *         .start()) {
 *     URI uri = hv1.uri();   // https://127.0.0.1:41234/wsman
 * }
 * }</pre>
 */
public final class WsmanEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WsmanEndpoint.class);
    private static final int BACKLOG = 512;

    private enum State { NEW, LISTENING, UNREACHABLE, CLOSED }

    private final HostIdentity host;
    private final InetAddress bindAddress;
    private final int requestedPort;
    private final SSLContext tls;
    private final EndpointSettings settings;
    private final ShellTable shells;
    private final Set<WsmanConnection> connections = ConcurrentHashMap.newKeySet();
    private final EndpointTraffic traffic = new EndpointTraffic();
    private final ReentrantLock lifecycle = new ReentrantLock();
    private State state = State.NEW;
    private ServerSocket listener;
    private int port;

    private WsmanEndpoint(Builder builder) {
        this.host = builder.host;
        this.bindAddress = builder.bindAddress;
        this.requestedPort = builder.port;
        this.tls = builder.certificate == null ? null : builder.certificate.serverSslContext();
        this.shells = new ShellTable(builder.maxShellsPerUser, builder.shellIdleTimeout, builder.clock);
        AccountResolver accounts = new AccountResolver(builder.host, builder.accounts);
        List<NegotiateMechanism> mechanisms = new ArrayList<>();
        if (builder.ntlm) {
            mechanisms.add(new NtlmMechanism(builder.host.ntlmTarget(), accounts));
        }
        mechanisms.addAll(builder.mechanisms);
        this.settings = new EndpointSettings(builder.host, tls != null,
                builder.certificate == null ? ChannelBinding.none()
                        : ChannelBinding.tls(builder.certificate.tlsServerEndPoint()),
                accounts, mechanisms, builder.basicAuthentication, builder.allowUnencrypted, builder.faults,
                new WsmanOperations(shells, builder.shellHost, () -> uri().toString()), builder.idleTimeout,
                builder.maxBody);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the listener (a free port when the builder said 0) and starts accepting connections. */
    public WsmanEndpoint start() {
        lifecycle.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("endpoint of " + host.fqdn() + " already started");
            }
            listen(requestedPort);
            state = State.LISTENING;
            startAccepting(listener);
            LOG.debug("WS-Management endpoint of {} listening at {}", host.fqdn(), uri());
            return this;
        } finally {
            lifecycle.unlock();
        }
    }

    /** What clients have cost this endpoint since it started: connections, HTTP requests, operations. */
    public EndpointTraffic traffic() {
        return traffic;
    }

    /** The endpoint URL, e.g. {@code https://127.0.0.1:41234/wsman}. */
    public URI uri() {
        String address = bindAddress instanceof Inet6Address
                ? "[" + bindAddress.getHostAddress() + "]" : bindAddress.getHostAddress();
        return URI.create((tls != null ? "https" : "http") + "://" + address + ":" + port() + "/wsman");
    }

    /** The bound port. */
    public int port() {
        lifecycle.lock();
        try {
            if (state == State.NEW) {
                throw new IllegalStateException("endpoint of " + host.fqdn() + " not started");
            }
            return port;
        } finally {
            lifecycle.unlock();
        }
    }

    public HostIdentity host() {
        return host;
    }

    public InetAddress bindAddress() {
        return bindAddress;
    }

    public boolean https() {
        return tls != null;
    }

    /**
     * The host becomes unreachable: the listening socket closes, so new connections are refused, and open
     * connections are cut. Shells survive, as they do on a host whose network drops for a while.
     */
    public void stopListening() {
        lifecycle.lock();
        try {
            if (state != State.LISTENING) {
                return;
            }
            closeQuietly(listener);
            state = State.UNREACHABLE;
        } finally {
            lifecycle.unlock();
        }
        dropConnections();
    }

    /** The host is reachable again, on the same port. */
    public void resumeListening() {
        lifecycle.lock();
        try {
            if (state != State.UNREACHABLE) {
                return;
            }
            listen(port);
            state = State.LISTENING;
            startAccepting(listener);
        } finally {
            lifecycle.unlock();
        }
    }

    /** Cuts every open connection; clients see the connection reset and must reconnect (and authenticate again). */
    public void dropConnections() {
        for (WsmanConnection connection : List.copyOf(connections)) {
            connection.close();
        }
    }

    /** How many shells are open. */
    public int openShells() {
        return shells.count();
    }

    /** The open shells, and who opened them. */
    public List<ShellSession> shells() {
        return shells.sessions();
    }

    /** Stops listening, cuts connections and ends every shell. */
    @Override
    public void close() {
        lifecycle.lock();
        try {
            if (state == State.CLOSED) {
                return;
            }
            closeQuietly(listener);
            state = State.CLOSED;
        } finally {
            lifecycle.unlock();
        }
        dropConnections();
        shells.closeAll();
    }

    @Override
    public String toString() {
        return "WsmanEndpoint[" + host.fqdn() + (state == State.NEW ? "" : " " + uri()) + ", " + state + "]";
    }

    private void listen(int onPort) {
        try {
            ServerSocket socket = tls != null
                    ? tls.getServerSocketFactory().createServerSocket()
                    : new ServerSocket();
            if (socket instanceof SSLServerSocket secure) {
                secure.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            }
            socket.setReuseAddress(true); // re-open on the same port while old connections sit in TIME_WAIT
            socket.bind(new InetSocketAddress(bindAddress, onPort), BACKLOG);
            listener = socket;
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bindAddress.getHostAddress() + ":" + onPort
                    + " for " + host.fqdn(), e);
        }
    }

    private void startAccepting(ServerSocket socket) {
        Thread.ofPlatform().daemon().name("hvsim-wsman-accept-" + host.computerName() + "-" + port)
                .start(() -> accept(socket));
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.debug("accept failed on {}: {}", host.fqdn(), e.toString());
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // e.g. out of file descriptors
                }
                continue;
            }
            traffic.connected();
            WsmanConnection connection = new WsmanConnection(client, settings, connections::remove, traffic);
            connections.add(connection);
            if (socket.isClosed()) {
                connection.close(); // stopListening raced with this accept
                continue;
            }
            Thread.ofVirtual().name("hvsim-wsman-" + host.computerName()).start(connection::serve);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Configures an endpoint. */
    public static final class Builder {
        private HostIdentity host;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private HostCertificate certificate;
        private AccountStore accounts;
        private ShellHost shellHost;
        private TransportFaults faults = TransportFaults.NONE;
        private int maxShellsPerUser = 30;
        private Duration shellIdleTimeout = Duration.ofHours(2);
        private Clock clock = Clock.systemUTC();
        private boolean allowUnencrypted;
        private boolean basicAuthentication = true;
        private boolean ntlm = true;
        private final List<NegotiateMechanism> mechanisms = new ArrayList<>();
        private Duration idleTimeout = Duration.ofSeconds(120);
        private int maxBody = 1024 * 1024;

        private Builder() {
        }

        /** The simulated host (required). */
        public Builder host(HostIdentity host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Shorthand for {@code host(HostIdentity.of(hostName))}. */
        public Builder hostName(String hostName) {
            return host(HostIdentity.of(hostName));
        }

        /** A loopback address to listen on (default 127.0.0.1); each host may take its own, e.g. 127.0.1.11. */
        public Builder bindAddress(InetAddress address) {
            if (!Objects.requireNonNull(address, "address").isLoopbackAddress()) {
                throw new IllegalArgumentException("hvsim listens on loopback addresses only, not " + address);
            }
            this.bindAddress = address;
            return this;
        }

        /** The port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
            this.port = port;
            return this;
        }

        /** Listen with HTTPS, presenting this certificate (default: plain HTTP). */
        public Builder https(HostCertificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /** The accounts clients may authenticate as (required). */
        public Builder accounts(AccountStore accounts) {
            this.accounts = Objects.requireNonNull(accounts, "accounts");
            return this;
        }

        /** What runs the commands (required). */
        public Builder shellHost(ShellHost shellHost) {
            this.shellHost = Objects.requireNonNull(shellHost, "shellHost");
            return this;
        }

        /** The transport fault hook (default: none). */
        public Builder transportFaults(TransportFaults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /** winrm/config/winrs MaxShellsPerUser (default 30, as on Windows). */
        public Builder maxShellsPerUser(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("MaxShellsPerUser must be at least 1");
            }
            this.maxShellsPerUser = max;
            return this;
        }

        /** winrm/config/winrs IdleTimeout: a shell unused this long is deleted (default 2 hours, as on Windows). */
        public Builder shellIdleTimeout(Duration timeout) {
            if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("IdleTimeout is at least 1 s on Windows");
            }
            this.shellIdleTimeout = timeout;
            return this;
        }

        /** The clock shell idle times are measured with (a simulated fleet may run on simulated time). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** winrm/config/service AllowUnencrypted (default false, as on Windows). */
        public Builder allowUnencrypted(boolean allow) {
            this.allowUnencrypted = allow;
            return this;
        }

        /**
         * winrm/config/service/auth Basic. Windows ships with it off; hvsim defaults to on, as fleets that automate
         * over HTTPS usually configure it. Basic accepts local accounts only, and never over unencrypted HTTP unless
         * AllowUnencrypted.
         */
        public Builder basicAuthentication(boolean enabled) {
            this.basicAuthentication = enabled;
            return this;
        }

        /** Whether Negotiate accepts NTLM (default true). */
        public Builder ntlm(boolean enabled) {
            this.ntlm = enabled;
            return this;
        }

        /** Another mechanism under Negotiate (Kerberos), tried after NTLM for tokens NTLM does not recognize. */
        public Builder negotiateMechanism(NegotiateMechanism mechanism) {
            this.mechanisms.add(Objects.requireNonNull(mechanism, "mechanism"));
            return this;
        }

        /** How long a kept-alive connection may stay idle (default 120 s, HTTP.sys' idle connection timeout). */
        public Builder idleConnectionTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("idle timeout must be positive");
            }
            this.idleTimeout = timeout;
            return this;
        }

        public WsmanEndpoint build() {
            Objects.requireNonNull(host, "host is required");
            Objects.requireNonNull(accounts, "accounts are required");
            Objects.requireNonNull(shellHost, "shellHost is required");
            return new WsmanEndpoint(this);
        }
    }
}
