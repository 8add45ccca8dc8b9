package io.hvmigrate.sim.lab;

import io.hvmigrate.sim.world.fleet.ClusterSpec;
import io.hvmigrate.sim.world.fleet.FileServerSpec;
import io.hvmigrate.sim.world.fleet.HostSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a client needs to reach a running fleet, written to a directory: {@code inventory.yaml} in hvmigrate's inventory
 * format (every host's loopback address and port, NTLM with the engine's service account), {@code ca.pem} (the CA that
 * signed every endpoint's certificate) and {@code password} (mode 0600, named by the inventory as {@code file:}).
 *
 * <p>The inventory is plain text built here, not through the engine's model: hvsim and the engine meet only on the
 * wire and in files a user could have written.
 */
public final class LabFiles {

    /** The files written. */
    public record Written(Path directory, Path inventory, Path caFile, Path passwordFile) {}

    private LabFiles() {}

    /** Writes the three files into {@code dir} (created if needed) for the account {@code DOMAIN\\user}. */
    public static Written write(SimFleet fleet, Path dir, String account) throws IOException {
        return write(fleet, dir, account, null);
    }

    /**
     * As {@link #write(SimFleet, Path, String)}, with the inventory's {@code directory:} block given as YAML (a real
     * directory beside the simulated hosts), or null for the fleet's own.
     */
    public static Written write(SimFleet fleet, Path dir, String account, String directoryBlock) throws IOException {
        Files.createDirectories(dir);
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, fleet.certificateAuthority().pem(), StandardCharsets.US_ASCII);
        Path pw = dir.resolve("password");
        Files.deleteIfExists(pw);
        try {
            Files.createFile(pw, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(pw);
        }
        Files.writeString(pw, fleet.password() + "\n", StandardCharsets.UTF_8);
        Path inv = dir.resolve("inventory.yaml");
        Files.writeString(inv, inventory(fleet, account, pw.toAbsolutePath(), directoryBlock), StandardCharsets.UTF_8);
        return new Written(dir, inv, ca, pw);
    }

    /** The inventory text for the running fleet. */
    public static String inventory(SimFleet fleet, String account, Path passwordFile) {
        return inventory(fleet, account, passwordFile, null);
    }

    private static String inventory(SimFleet fleet, String account, Path passwordFile, String directoryBlock) {
        StringBuilder y = new StringBuilder();
        y.append("# written by hvsim for the running fleet '").append(fleet.fleet().name())
                .append("'; ports change on every start\n");
        y.append("version: 1\n");
        y.append("tls:\n  caFile: ca.pem\n");
        y.append("defaults:\n");
        y.append("  transport: ").append(fleet.options().https() ? "https" : "http").append('\n');
        y.append("  auth: ntlm\n");
        y.append("  user: ").append(quote(account)).append('\n');
        y.append("  credential: ").append(quote("file:" + passwordFile)).append('\n');
        y.append("hosts:\n");
        for (HostSpec h : fleet.fleet().hosts()) {
            SimFleet.Endpoint e = fleet.endpoint(h.name()).orElseThrow();
            y.append("  - { name: ").append(h.name().toLowerCase(Locale.ROOT))
                    .append(", fqdn: ").append(e.fqdn())
                    .append(", address: ").append(quote(e.address()))
                    .append(", port: ").append(e.port());
            if (e.https() != fleet.options().https()) {
                y.append(", transport: ").append(e.https() ? "https" : "http");
            }
            y.append(" }\n");
        }
        // hvsim serves no LDAP: the directory through a host that is a domain controller (on any other host the
        // ActiveDirectory module makes a second hop to a DC, which a WinRM logon cannot). Without a directory: block,
        // hvmigrate would ask the system's DNS for the domain's DCs, which a simulated domain does not have.
        Optional<HostSpec> dc = fleet.fleet().hosts().stream().filter(HostSpec::domainController).findFirst();
        if (directoryBlock != null) {
            y.append(directoryBlock.endsWith("\n") ? directoryBlock : directoryBlock + "\n");
        } else if (dc.isPresent()) {
            y.append("directory:\n  via: ").append(dc.get().name().toLowerCase(Locale.ROOT)).append('\n');
        } else if (!fleet.fleet().hosts().isEmpty()) {
            y.append("# this fleet has no domain controller: its directory is reachable only through a Hyper-V host's\n")
                    .append("# ActiveDirectory module, a second hop that hvsim refuses as Windows does (unless the fleet allows it)\n")
                    .append("directory:\n  via: ").append(fleet.fleet().hosts().getFirst().name().toLowerCase(Locale.ROOT)).append('\n');
        }
        if (!fleet.fleet().clusters().isEmpty()) {
            y.append("clusters:\n");
            for (ClusterSpec c : fleet.fleet().clusters()) {
                y.append("  - { name: ").append(c.name()).append(", fqdn: ")
                        .append(c.name().toLowerCase(Locale.ROOT)).append('.').append(c.domain().toLowerCase(Locale.ROOT))
                        .append(" }\n");
            }
        }
        if (!fleet.fleet().fileServers().isEmpty()) {
            y.append("fileServers:\n");
            for (FileServerSpec f : fleet.fleet().fileServers()) {
                y.append("  - name: ").append(f.name()).append('\n');
                y.append("    fqdn: ").append(f.name().toLowerCase(Locale.ROOT)).append('.')
                        .append(f.domain().toLowerCase(Locale.ROOT)).append('\n');
                y.append("    kind: ").append(f.sofs() ? "sofs" : "file-server").append('\n');
                if (!f.nodes().isEmpty()) {
                    y.append("    nodes: [").append(String.join(", ", f.nodes())).append("]\n");
                }
                if (!f.shares().isEmpty()) {
                    y.append("    shares:\n");
                    for (FileServerSpec.ShareSpec s : f.shares()) {
                        y.append("      - { name: ").append(s.name()).append(", fullControl: [")
                                .append(accounts(s.fullControl())).append("] }\n");
                    }
                }
            }
        }
        return y.toString();
    }

    /** The engine's service account of a fleet: the first user of its first domain, {@code DOMAIN\\user}. */
    public static String serviceAccount(SimFleet fleet) {
        List<String> names = fleet.accountNames();
        if (names.isEmpty()) {
            throw new IllegalStateException("fleet " + fleet.fleet().name() + " declares no user account");
        }
        return names.getFirst();
    }

    private static String accounts(List<String> computerAccounts) {
        return computerAccounts.stream()
                .map(a -> a.endsWith("$") ? a.substring(0, a.length() - 1) : a)
                .map(a -> a.toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
