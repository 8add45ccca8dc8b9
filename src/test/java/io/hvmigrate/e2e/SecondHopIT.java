package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.e2e.Cli.Result;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a WinRM session on a Hyper-V host cannot reach. Microsoft, "Making the second hop in PowerShell Remoting"
 * (MicrosoftDocs/PowerShell-Docs, reference/docs-conceptual/security/remoting/PS-remoting-second-hop.md): "Access to the
 * resource on ServerC is denied, because the credentials you used to create the PowerShell Remoting session aren't
 * passed from ServerB to ServerC." Discovery asks Hyper-V (Get-VHD) for the size of disks on SMB shares instead of
 * opening them, so it needs no cifs/ delegation; and a directory read through a host that is not a DC is reported as a
 * second hop with the fix, not as an empty directory.
 */
class SecondHopIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void vmsOnSmbSharesAreDiscoveredBeforeAnyCifsDelegationExists() throws Exception {
        // the lab fleet with no cifs/ delegation at all: HV-S1's VM file-s1 lives on \\FS1\vmstore
        String fleet = Files.readString(Path.of("config/fleets/lab.yaml"), StandardCharsets.UTF_8)
                .replaceAll("(?m)^ +- cifs/\\S+\\n", "");
        Path fleetFile = dir.resolve("no-cifs.yaml");
        Files.writeString(fleetFile, fleet, StandardCharsets.UTF_8);
        try (SimFleet sim = SimFleet.start(fleetFile, SimFleet.Options.defaults().withTimeScale(200))) {
            assertThat(sim.world().directory().computer("HV-S1$").orElseThrow().allowedToDelegateTo())
                    .noneMatch(s -> s.toLowerCase(java.util.Locale.ROOT).startsWith("cifs/"));
            LabFiles.Written files = LabFiles.write(sim, dir.resolve("lab"), LabFiles.serviceAccount(sim));
            Path facts = dir.resolve("facts.yaml");
            Result r = Cli.run(files.inventory(), dir, "discover", "-O", facts.toString());
            assertThat(r.err()).doesNotContain("hv-s1 (", "HV-S1:");
            String text = Files.readString(facts, StandardCharsets.UTF_8);
            assertThat(text).contains("file-s1.vhdx").contains("web-a2");
            // 100 GiB, as Hyper-V reports the fixed VHDX
            assertThat(text).containsPattern("file-s1\\.vhdx'?,? *\\n? *size: 107374182400|size: 107374182400[^\\n]*file-s1");
        }
    }

    @Test
    void aDirectoryReadThroughAHyperVHostThatIsNoDcIsASecondHopWithTheFix() throws Exception {
        try (SimFleet sim = SimFleet.start(Path.of("config/fleets/lab.yaml"), SimFleet.Options.defaults().withTimeScale(200))) {
            LabFiles.Written files = LabFiles.write(sim, dir.resolve("lab"), LabFiles.serviceAccount(sim));
            String inventory = Files.readString(files.inventory(), StandardCharsets.UTF_8);
            assertThat(inventory).contains("directory:\n  via: hv-s3\n");

            // through HV-S3, lab.test's DC: no second hop, and the tour passes
            Result good = Cli.run(files.inventory(), dir, "check", "playbooks/lab-tour.yaml", "-o", "json");
            assertThat(good.exit()).as(good.out() + good.err()).isZero();
            assertThat(ids(good)).doesNotContain("directory.second-hop", "delegation.unknown");
            // check says how it reached each host: the lab's inventory is HTTPS with NTLM and a password file
            JsonNode connections = JSON.readTree(good.out()).path("connections");
            assertThat(connections.size()).isEqualTo(io.hvmigrate.load.InventoryFormat.load(files.inventory()).hosts().size());
            connections.forEach(c -> {
                assertThat(c.path("transport").asText()).isEqualTo("https");
                assertThat(c.path("auth").asText()).isEqualTo("ntlm");
                assertThat(c.path("key").asText()).isEqualTo("password");
                assertThat(c.path("outcome").asText()).isEqualTo("read");
            });

            // forced through HV-S2, a plain Hyper-V host
            Path throughS2 = dir.resolve("lab/through-s2.yaml");
            Files.writeString(throughS2, inventory.replace("  via: hv-s3\n", "  via: hv-s2\n"), StandardCharsets.UTF_8);
            Result bad = Cli.run(throughS2, dir, "check", "playbooks/lab-tour.yaml", "-o", "json");
            assertThat(bad.exit()).as(bad.out() + bad.err()).isEqualTo(3);
            JsonNode f = finding(bad, "directory.second-hop");
            assertThat(f.path("severity").asText()).isEqualTo("blocking");
            assertThat(f.path("host").asText()).isEqualToIgnoringCase("hv-s2");
            assertThat(f.path("message").asText()).startsWith("second hop:").doesNotContain("no computer accounts");
            assertThat(f.path("evidence").toString()).contains("Unable to contact the server");
            assertThat(f.path("fix").asText()).contains("  directory:\n    kind: ldap\n    domain: lab.test ")
                    .contains("principal: svc-hvmigrate@LAB.TEST").contains("directory: {via: HOST}");
            assertThat(ids(bad)).doesNotContain("delegation.unknown");

            // no directory: block at all: never through a Hyper-V host, but over LDAP from hvmigrate's own host, to
            // the DCs DNS names for lab.test; here a DNS server that does not answer (hvsim serves no LDAP): the
            // directory is unknown, and no host was asked to make the hop
            Path none = dir.resolve("lab/no-directory.yaml");
            Files.writeString(none, inventory.replace("directory:\n  via: hv-s3\n", ""), StandardCharsets.UTF_8);
            int closed;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            Result dflt = Cli.run(none, dir, "check", "playbooks/lab-tour.yaml", "-o", "json", "--set", "directory.dns=127.0.0.1:" + closed);
            assertThat(dflt.exit()).as(dflt.out() + dflt.err()).isEqualTo(3);
            assertThat(ids(dflt)).contains("delegation.unknown").doesNotContain("directory.second-hop");
            assertThat(dflt.err()).contains("_ldap._tcp.dc._msdcs.lab.test").doesNotContain("Unable to contact the server");
        }
    }

    private static List<String> ids(Result r) throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(r.out()).path("findings").forEach(f -> out.add(f.path("id").asText()));
        return out;
    }

    private static JsonNode finding(Result r, String id) throws Exception {
        for (JsonNode f : JSON.readTree(r.out()).path("findings")) {
            if (id.equals(f.path("id").asText())) {
                return f;
            }
        }
        throw new AssertionError("no finding " + id + " in " + r.out());
    }
}
