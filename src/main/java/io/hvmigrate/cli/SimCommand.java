package io.hvmigrate.cli;

import io.hvmigrate.sim.lab.AdminServer;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.world.fleet.FleetLoadException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sim", header = "Runs hvsim, the simulated Hyper-V fleet, until stopped.",
        description = {"Starts hvsim, a simulated Hyper-V fleet: one WS-Management endpoint per host on its own loopback address, "
                + "answering PowerShell as the host would. Writes an inventory, the fleet's CA and a password file for hvmigrate "
                + "(or any WinRM client), prints each endpoint, and runs until stopped (Ctrl-C) or for --duration.", "",
                "To rehearse a maintenance window against it, run hvmigrate run PLAYBOOK -i DIR/inventory.yaml (DIR as given with --dir)."})
@ExitCodes(ExitCode.INTERRUPTED)
final class SimCommand extends BaseCommand {

    @Option(names = "--fleet", paramLabel = "FILE", defaultValue = "config/fleets/lab.yaml",
            description = "the fleet file (default: ${DEFAULT-VALUE})")
    Path fleet;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "target/hvsim",
            description = "where to write inventory.yaml, ca.pem and password (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--time-scale", paramLabel = "N", defaultValue = "60",
            description = "simulated time runs N times faster than real time (default: ${DEFAULT-VALUE})")
    double timeScale;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "the port every endpoint listens on (each host has its own loopback address); 0 picks free ports")
    int port;

    @Option(names = "--http", description = "plain HTTP with NTLM message encryption instead of HTTPS")
    boolean http;

    @Option(names = "--keytab", paramLabel = "FILE",
            description = "a keytab from your KDC: hosts whose HTTP/<fqdn> key it holds also accept Kerberos (repeatable;"
                    + " the JVM's krb5.conf, -Djava.security.krb5.conf, names the realm)")
    java.util.List<Path> keytabs = new java.util.ArrayList<>();

    @Option(names = "--directory", paramLabel = "LDAPS_URL",
            description = "keep the fleet's computer accounts and delegation in this Active Directory (ldaps://…) instead"
                    + " of the fleet file: the hosts' AD cmdlets read and write it, Move-VM obeys it")
    String directoryUrl;

    @Option(names = "--directory-bind", paramLabel = "DN", description = "who binds to --directory (a DN)")
    String directoryBind;

    @Option(names = "--directory-password-file", paramLabel = "FILE", description = "the bind password, in a file")
    Path directoryPasswordFile;

    @Option(names = "--directory-ca", paramLabel = "FILE", description = "PEM CA of the directory's certificate")
    Path directoryCa;

    @Option(names = "--duration", paramLabel = "DURATION", description = "stop by itself after this long (e.g. 90s, 10m)")
    String duration;

    @Override
    public Integer call() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        SimFleet sim;
        try {
            sim = SimFleet.start(shippedFile(fleet, "--fleet"), SimFleet.Options.defaults().withTimeScale(timeScale).withHttps(!http).withPort(port)
                    .withKeytabs(keytabs).withDirectory(directory()));
        } catch (FleetLoadException | IllegalArgumentException | IllegalStateException e) {
            err().println("hvmigrate: " + e.getMessage());
            return ExitCode.INVALID_INPUT.code();
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "hvsim-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (sim; AdminServer admin = AdminServer.start(sim)) {
            LabFiles.Written files = LabFiles.write(sim, dir, LabFiles.serviceAccount(sim));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            out().printf("hvsim: fleet '%s' up in %d ms, %d hosts, time x%s%n", sim.fleet().name(), ms,
                    sim.endpoints().size(), trim(timeScale));
            for (SimFleet.Endpoint e : sim.endpoints()) {
                out().printf("  %-8s %-22s %s%n", e.host(), e.fqdn(), e.uri());
            }
            if (!keytabs.isEmpty()) {
                out().println("kerberos:  " + (sim.kerberosHosts().isEmpty() ? "no host's HTTP/<fqdn> key is in the keytabs"
                        : "HTTP/<fqdn> accepted on " + String.join(", ", sim.kerberosHosts())));
            }
            out().println("inventory: " + files.inventory());
            out().println("CA:        " + files.caFile());
            out().println("password:  " + files.passwordFile() + " (accounts: " + String.join(", ", sim.accountNames()) + ")");
            out().println("about:     " + admin.uri().resolve("/about") + "   faults: POST " + admin.uri().resolve("/faults"));
            out().println("Stop with Ctrl-C.");
            out().flush();
            if (duration != null) {
                stop.await(io.hvmigrate.load.Units.duration(duration).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } else {
                stop.await();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping: the hook has run
            }
        }
        return ExitCode.OK.code();
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private SimFleet.DirectoryConnection directory() {
        if (directoryUrl == null) {
            return null;
        }
        if (directoryBind == null || directoryPasswordFile == null || directoryCa == null) {
            throw new IllegalArgumentException("--directory needs --directory-bind, --directory-password-file and --directory-ca");
        }
        String base = java.util.Arrays.stream(directoryBind.split(","))
                .map(String::trim).filter(p -> p.regionMatches(true, 0, "DC=", 0, 3))
                .collect(java.util.stream.Collectors.joining(","));
        String password;
        try {
            password = java.nio.file.Files.readString(directoryPasswordFile).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("--directory-password-file " + directoryPasswordFile + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        return new SimFleet.DirectoryConnection(directoryUrl, base, directoryBind, password, directoryCa);
    }
}
