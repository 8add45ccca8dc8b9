package io.hvmigrate.sim.lab;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.NativeCommand;
import io.hvmigrate.sim.ps.RunspaceConfig;
import io.hvmigrate.sim.ps.exe.PowerShellShellHost;
import io.hvmigrate.sim.tls.FleetCertificateAuthority;
import io.hvmigrate.sim.world.Caller;
import io.hvmigrate.sim.world.HostInfo;
import io.hvmigrate.sim.world.ScaledClock;
import io.hvmigrate.sim.world.World;
import io.hvmigrate.sim.world.WorldException;
import io.hvmigrate.sim.world.ad.LdapDirectory;
import io.hvmigrate.sim.world.cmdlet.WorldCommands;
import io.hvmigrate.sim.world.fleet.Chance;
import io.hvmigrate.sim.world.fleet.DataAddresses;
import io.hvmigrate.sim.world.fleet.DomainSpec;
import io.hvmigrate.sim.world.fleet.Fleet;
import io.hvmigrate.sim.world.fleet.FleetLoadException;
import io.hvmigrate.sim.world.fleet.FleetLoader;
import io.hvmigrate.sim.world.fleet.HostSpec;
import io.hvmigrate.sim.world.fleet.UserSpec;
import io.hvmigrate.sim.wsman.HostIdentity;
import io.hvmigrate.sim.wsman.ShellSession;
import io.hvmigrate.sim.wsman.TransportFault;
import io.hvmigrate.sim.wsman.TransportFaultRules;
import io.hvmigrate.sim.wsman.TransportFaults;
import io.hvmigrate.sim.wsman.WsmanAction;
import io.hvmigrate.sim.wsman.WsmanEndpoint;
import io.hvmigrate.sim.wsman.WsmanFault;
import io.hvmigrate.sim.wsman.auth.AccountStore;
import io.hvmigrate.sim.wsman.auth.kerberos.KerberosMechanism;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;

/**
 * A running simulated fleet: the world of a fleet file, on a scaled clock, with one WS-Management endpoint per host,
 * each on the host's own loopback address, serving PowerShell through the interpreter against that host. What a
 * client changes through one endpoint (a Move-VM) is what every other endpoint then sees.
 *
 * <p>Endpoints listen on free ports unless {@link Options#port} names one. The fleet's service accounts get one
 * password, generated per start unless given; the CA that signs every endpoint's certificate is generated per start.
 */
public final class SimFleet implements AutoCloseable {

    /** How to start a fleet. */
    public record Options(double timeScale, boolean https, int port, String password, Duration tick, List<Path> keytabs,
                          DirectoryConnection directory) {
        public Options {
            if (timeScale <= 0) {
                throw new IllegalArgumentException("time scale must be positive");
            }
            tick = tick == null ? Duration.ofMillis(5) : tick;
            keytabs = keytabs == null ? List.of() : List.copyOf(keytabs);
        }

        /** HTTPS on free ports, time 1000× faster, a fresh password, NTLM and Basic only. */
        public static Options defaults() {
            return new Options(1000, true, 0, null, null, List.of(), null);
        }

        public Options withTimeScale(double scale) {
            return new Options(scale, https, port, password, tick, keytabs, directory);
        }

        public Options withHttps(boolean on) {
            return new Options(timeScale, on, port, password, tick, keytabs, directory);
        }

        public Options withPort(int p) {
            return new Options(timeScale, https, p, password, tick, keytabs, directory);
        }

        public Options withPassword(String p) {
            return new Options(timeScale, https, port, p, tick, keytabs, directory);
        }

        /**
         * Hosts whose {@code HTTP/<fqdn>@<REALM>} key is in one of these keytabs (issued by a real KDC) also accept
         * Kerberos tickets for that principal.
         */
        public Options withKeytabs(List<Path> files) {
            return new Options(timeScale, https, port, password, tick, files, directory);
        }

        /**
         * The fleet's accounts, delegation and account control live in this real directory rather than in the fleet
         * file: Get-ADComputer and Set-ADComputer on the simulated hosts read and write it, and Move-VM's delegation
         * check uses what it holds (as of the host's last ticket purge).
         */
        public Options withDirectory(DirectoryConnection d) {
            return new Options(timeScale, https, port, password, tick, keytabs, d);
        }
    }

    /**
     * How to reach a real Active Directory over LDAPS.
     *
     * @param url      {@code ldaps://127.0.0.1:636}
     * @param baseDn   {@code DC=lab,DC=test}
     * @param bindDn   {@code CN=Administrator,CN=Users,DC=lab,DC=test}
     * @param password the bind password (read from a file by the command line; never printed)
     * @param caFile   the CA of the directory's certificate
     */
    public record DirectoryConnection(String url, String baseDn, String bindDn, String password, Path caFile) {
        @Override
        public String toString() {
            return "DirectoryConnection[" + url + ", " + bindDn + "]";
        }
    }

    /** One host's endpoint as a client reaches it. */
    public record Endpoint(String host, String fqdn, String address, int port, boolean https, URI uri) {}

    private final Fleet fleet;
    private final World world;
    private final ScaledClock clock;
    private final FleetCertificateAuthority ca;
    private final String password;
    private final List<KeyTab> keytabs;
    private final LdapDirectory ldap;
    private final Map<String, WsmanEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, Endpoint> published = new LinkedHashMap<>();
    private final TransportFaultRules rules = new TransportFaultRules();
    /** The draws of each host fault given with a probability. */
    private final Map<HostSpec.TransportFault, Chance> chances = new java.util.concurrent.ConcurrentHashMap<>();
    private final CommandTable commands;
    private final Options options;

    private SimFleet(Fleet fleet, Options options, FleetCertificateAuthority ca) {
        this.fleet = fleet;
        this.options = options;
        // A fleet of its own starts at a fixed moment, so runs repeat; one backed by a real directory starts now, so
        // the directory's change times (whenChanged) and the hosts' ticket times (klist) are on one time line.
        this.clock = new ScaledClock(options.directory() == null ? Instant.parse("2026-01-05T22:00:00Z")
                : Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), options.timeScale(), options.tick());
        this.ldap = options.directory() == null ? null : LdapDirectory.connect(options.directory().url(),
                options.directory().baseDn(), options.directory().bindDn(), options.directory().password(),
                options.directory().caFile());
        this.world = ldap == null ? new World(fleet, clock) : new World(fleet, clock, ldap);
        this.ca = ca;
        this.password = options.password() != null ? options.password() : generatePassword();
        this.keytabs = new ArrayList<>();
        for (Path file : options.keytabs()) {
            KeyTab k = KeyTab.getUnboundInstance(file.toFile());
            if (!k.exists()) {
                throw new IllegalArgumentException("no keytab at " + file);
            }
            keytabs.add(k);
        }
        this.commands = commandTable();
    }

    /** Loads a fleet file and starts every host's endpoint. */
    public static SimFleet start(Path fleetFile, Options options) throws FleetLoadException {
        // the CA's keys are made while the fleet file is read: both are mostly one-time JVM warm-up, and a start in
        // under three seconds matters to someone waiting at a prompt
        String stem = fleetFile.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        java.util.concurrent.CompletableFuture<FleetCertificateAuthority> ca =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> FleetCertificateAuthority.create(stem));
        Fleet fleet = new FleetLoader().load(fleetFile);
        return start(fleet, options, ca.join());
    }

    /** Starts every host's endpoint of a loaded fleet. */
    public static SimFleet start(Fleet fleet, Options options) {
        return start(fleet, options, FleetCertificateAuthority.create(fleet.name()));
    }

    private static SimFleet start(Fleet fleet, Options options, FleetCertificateAuthority ca) {
        SimFleet f = new SimFleet(fleet, options, ca);
        try {
            f.startEndpoints();
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
        return f;
    }

    private void startEndpoints() {
        AccountStore accounts = accounts();
        List<HostSpec> hosts = fleet.hosts();
        List<java.util.concurrent.Future<WsmanEndpoint>> started = new ArrayList<>();
        // endpoints start side by side: each issues its certificate and binds its listener independently
        try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (HostSpec h : hosts) {
                started.add(pool.submit(() -> startEndpoint(h, accounts)));
            }
        }
        RuntimeException failure = null;
        for (int i = 0; i < hosts.size(); i++) {
            HostSpec h = hosts.get(i);
            try {
                WsmanEndpoint e = started.get(i).get();
                boolean https = options.https() || h.winrm().https();
                endpoints.put(key(h.name()), e);
                published.put(key(h.name()), new Endpoint(h.name(), fqdnOf(h), e.bindAddress().getHostAddress(),
                        e.port(), https, e.uri()));
            } catch (java.util.concurrent.ExecutionException ex) {
                RuntimeException cause = ex.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException(h.name() + ": " + ex.getCause().getMessage(), ex.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the fleet", ex);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private WsmanEndpoint startEndpoint(HostSpec h, AccountStore accounts) {
        String fqdn = fqdnOf(h);
        InetAddress bind = address(h.winrm().address());
        boolean https = options.https() || h.winrm().https();
        HostIdentity identity = new HostIdentity(h.name().toUpperCase(Locale.ROOT), h.domain(), netbiosOf(h.domain()));
        WsmanEndpoint.Builder b = WsmanEndpoint.builder()
                .host(identity)
                .bindAddress(bind)
                .port(options.port())
                .accounts(accounts)
                .shellHost(new PowerShellShellHost(session -> runspace(h.name(), session)))
                .transportFaults(faultsFor(h.name()));
        kerberosFor(h, accounts).ifPresent(b::negotiateMechanism);
        if (https) {
            b.https(ca.issue(fqdn, List.of(bind)));
        } else {
            b.allowUnencrypted(false);
        }
        return b.build().start();
    }

    /** How many commands (WS-Management Command requests: one script each) each host has run, by host name. */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicLong> commandsRun =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** How many commands a host has been asked to run since the fleet started: a client's round trips to it. */
    public long commandsRun(String host) {
        var n = commandsRun.get(host.toUpperCase(Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    private RunspaceConfig runspace(String hostName, ShellSession session) {
        commandsRun.computeIfAbsent(hostName.toUpperCase(Locale.ROOT), k -> new java.util.concurrent.atomic.AtomicLong())
                .incrementAndGet();
        try {
            RunspaceConfig config = RunspaceConfig.of(commands, world.session(hostName, Caller.network(session.user())),
                    hostName.toUpperCase(Locale.ROOT));
            // Get-Date reads the host's clock, the fleet's, as klist, whenChanged and migrations do; Start-Sleep still
            // waits in wall-clock time
            io.hvmigrate.sim.ps.ScriptClock wall = config.clock();
            return config.withClock(new io.hvmigrate.sim.ps.ScriptClock() {
                @Override
                public java.time.Instant now() {
                    return world.clock().now();
                }

                @Override
                public void sleep(java.time.Duration duration, java.util.function.BooleanSupplier stop) throws InterruptedException {
                    wall.sleep(duration, stop);
                }
            });
        } catch (WorldException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The commands every host offers: the world's cmdlets, and klist.exe as the native command it is. */
    private static CommandTable commandTable() {
        Map<String, CmdletInfo> all = WorldCommands.all();
        CommandTable.Builder b = CommandTable.builder();
        Map<String, NativeCommand> natives = WorldCommands.natives();
        for (CmdletInfo info : all.values()) {
            if (!natives.containsKey(info.name().toLowerCase(Locale.ROOT))) {
                b.cmdlet(info);
            }
        }
        natives.forEach(b::nativeCommand);
        return b.build();
    }

    private TransportFaults faultsFor(String hostName) {
        return (host, action) -> {
            TransportFault ruled = rules.decide(host, action);
            if (!(ruled instanceof TransportFault.None)) {
                return ruled;
            }
            HostSpec.TransportFault f;
            try {
                f = world.vmHost(hostName).transportFault();
            } catch (WorldException e) {
                return TransportFault.none();
            }
            if (f == null || f.mode() == null) {
                return TransportFault.none();
            }
            if (f.probability() != null && !chances.computeIfAbsent(f, k -> new Chance(k.probability(), k.seed())).hit(hostName + " " + action)) {
                return TransportFault.none();
            }
            return switch (f.mode()) {
                case none, unreachable -> TransportFault.none();
                // as Windows answers a request its WinRM service failed to serve: HTTP 500 with a WS-Management fault
                // (s:Receiver, w:InternalError, WSManFault code E_FAIL); the request itself has no effect
                case http500 -> TransportFault.fail(WsmanFault.internalError("The WS-Management service cannot process the request. "));
                case slow -> TransportFault.delay(Duration.ofMillis(f.delayMs() == null ? 2000 : f.delayMs()));
                case hang -> TransportFault.hang();
                case dropAfterAccept -> action == WsmanAction.COMMAND ? TransportFault.dropResponse() : TransportFault.none();
                case authFailure -> TransportFault.rejectAuthentication();
            };
        };
    }

    /** Applies the world's "unreachable" transport faults to the listeners (called after a fault changes). */
    public synchronized void applyReachability() {
        for (HostSpec h : fleet.hosts()) {
            WsmanEndpoint e = endpoints.get(key(h.name()));
            try {
                HostInfo info = world.vmHost(h.name());
                HostSpec.TransportFault f = info.transportFault();
                boolean unreachable = (f != null && f.mode() == HostSpec.TransportFaultMode.unreachable) || !info.running();
                if (unreachable) {
                    e.stopListening();
                } else {
                    e.resumeListening();
                }
            } catch (WorldException ex) {
                // a host the world no longer knows keeps its listener as it is
            }
        }
    }

    private Optional<KerberosMechanism> kerberosFor(HostSpec h, AccountStore accounts) {
        if (keytabs.isEmpty()) {
            return Optional.empty();
        }
        KerberosPrincipal principal = httpPrincipal(h);
        return keytabFor(principal).map(k -> new KerberosMechanism(principal, k, accounts,
                realm -> fleet.domains().stream().filter(d -> d.name().equalsIgnoreCase(realm))
                        .map(DomainSpec::netbios).findFirst()));
    }

    /**
     * {@code HTTP/<fqdn>@<REALM>}: the principal a client asks the KDC for to reach the host's WinRM service. Taken as
     * written (KRB_NT_PRINCIPAL): as a host-based name (KRB_NT_SRV_HST) the JDK would first canonicalise the host
     * through the machine's resolver, and the fleet's names are its own. The name type plays no part in finding the
     * principal's key in a keytab or in accepting a ticket.
     */
    static KerberosPrincipal httpPrincipal(HostSpec h) {
        return new KerberosPrincipal("HTTP/" + fqdnOf(h) + "@" + h.domain().toUpperCase(Locale.ROOT), KerberosPrincipal.KRB_NT_PRINCIPAL);
    }

    private Optional<KeyTab> keytabFor(KerberosPrincipal principal) {
        return keytabs.stream().filter(k -> KerberosMechanism.holds(k, principal)).findFirst();
    }

    /** The hosts that accept Kerberos (their {@code HTTP/} principal is in the keytab given), by name. */
    public List<String> kerberosHosts() {
        if (keytabs.isEmpty()) {
            return List.of();
        }
        return fleet.hosts().stream().filter(h -> keytabFor(httpPrincipal(h)).isPresent()).map(HostSpec::name).toList();
    }

    private AccountStore accounts() {
        Map<String, String> byName = new LinkedHashMap<>();
        for (UserSpec u : fleet.users()) {
            byName.put(netbiosOf(u.domain()) + "\\" + u.sam(), password);
        }
        return AccountStore.of(byName);
    }

    private String netbiosOf(String dnsDomain) {
        return fleet.domains().stream().filter(d -> d.name().equalsIgnoreCase(dnsDomain)).map(DomainSpec::netbios)
                .findFirst().orElse(dnsDomain.split("\\.")[0].toUpperCase(Locale.ROOT));
    }

    static String fqdnOf(HostSpec h) {
        return h.name().toLowerCase(Locale.ROOT) + "." + h.domain().toLowerCase(Locale.ROOT);
    }

    private static InetAddress address(String literal) {
        // checked as text first: InetAddress would take a name, or a mistyped address, to the machine's resolver
        if (!DataAddresses.isLoopback(literal)) {
            throw new IllegalArgumentException("hvsim endpoints listen on loopback addresses only, not " + literal);
        }
        try {
            return InetAddress.getByName(literal.trim());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + literal, e);
        }
    }

    private static String generatePassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return "Hv!" + HexFormat.of().formatHex(b);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public Fleet fleet() {
        return fleet;
    }

    public World world() {
        return world;
    }

    public FleetCertificateAuthority certificateAuthority() {
        return ca;
    }

    /** The password every account of the fleet has (the engine reads it from a file or the environment). */
    public String password() {
        return password;
    }

    /** Accounts clients can log on as: {@code DOMAIN\\user}. */
    public List<String> accountNames() {
        List<String> names = new ArrayList<>();
        for (UserSpec u : fleet.users()) {
            names.add(netbiosOf(u.domain()) + "\\" + u.sam());
        }
        return names;
    }

    public Collection<Endpoint> endpoints() {
        return List.copyOf(published.values());
    }

    public Optional<Endpoint> endpoint(String host) {
        return Optional.ofNullable(published.get(key(host)));
    }

    /** The listener of a host, for tests that stop and resume it or drop its connections. */
    public WsmanEndpoint listener(String host) {
        WsmanEndpoint e = endpoints.get(key(host));
        if (e == null) {
            throw new IllegalArgumentException("no host " + host + " in fleet " + fleet.name());
        }
        return e;
    }

    /** Transport faults added at run time (checked before the fleet file's). */
    public TransportFaultRules transportRules() {
        return rules;
    }

    public CommandTable commands() {
        return commands;
    }

    public Options options() {
        return options;
    }

    @Override
    public void close() {
        for (WsmanEndpoint e : endpoints.values()) {
            try {
                e.close();
            } catch (RuntimeException ignored) {
                // closing the others matters more
            }
        }
        clock.close();
        if (ldap != null) {
            ldap.close();
        }
    }
}
