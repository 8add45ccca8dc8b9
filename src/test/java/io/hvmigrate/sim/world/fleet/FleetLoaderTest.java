package io.hvmigrate.sim.world.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetLoaderTest {
    private static final Path LAB = Path.of("config/fleets/lab.yaml");
    private final FleetLoader loader = new FleetLoader();

    private static final String MINIMAL = """
            name: t
            domains:
              - { name: lab.test, netbios: LAB }
            hosts:
              - name: HV-1
                domain: lab.test
            """;

    @Test
    void labFleetHasTwoClustersThreeStandaloneHostsAndASofs() throws Exception {
        Fleet f = loader.load(LAB);
        assertThat(f.clusters()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(f.hosts().stream().filter(h -> h.cluster() == null && h.name().startsWith("HV-S"))).hasSize(3);
        assertThat(f.fileServers()).anyMatch(FileServerSpec::sofs);
    }

    @Test
    void labFleetValidatesAgainstTheSchema() throws Exception {
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(LAB));
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("schema/fleet.schema.json")));
        Set<ValidationMessage> problems = schema.validate(yaml);
        assertThat(problems).isEmpty();
    }

    @Test
    void aChildDomainsExternalTrustLoadsAndValidatesAgainstTheSchema() throws Exception {
        Path file = Path.of("src/test/resources/fleets/child-external-trust.yaml");
        Fleet f = loader.load(file);
        assertThat(f.trusts()).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo("child.lab.test");
            assertThat(t.type()).isEqualTo(TrustSpec.TrustType.External);
        });
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("schema/fleet.schema.json")));
        assertThat(schema.validate(yaml)).isEmpty();
    }

    @Test
    void faultsWithAProbabilityLoadValidateAndReplayTheirDraws() throws Exception {
        String yaml = MINIMAL.replace("    domain: lab.test\n", """
                    domain: lab.test
                    winrm: { fault: { mode: http500, probability: 0.05, seed: 42 } }
                """) + """
                faults:
                  - { kind: migrationFailure, atPercent: 30, once: false, probability: 0.2, seed: 7 }
                """;
        Fleet f = loader.parse("t.yaml", yaml);
        assertThat(f.hosts().get(0).winrm().fault().probability()).isEqualTo(0.05);
        FaultSpec.MigrationFailure m = (FaultSpec.MigrationFailure) f.faults().get(0);
        assertThat(m.vm()).as("any VM").isNull();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("schema/fleet.schema.json")));
        assertThat(schema.validate(new ObjectMapper(new YAMLFactory()).readTree(yaml))).isEmpty();

        // the same seed draws the same calls, whatever else is drawn in between; about the share asked for
        Chance a = new Chance(0.2, 7L);
        Chance b = new Chance(0.2, 7L);
        List<Boolean> first = new java.util.ArrayList<>();
        List<Boolean> second = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            first.add(a.hit("vm1"));
            b.hit("vm2");
            second.add(b.hit("vm1"));
        }
        assertThat(second).isEqualTo(first);
        assertThat(first.stream().filter(x -> x).count()).isBetween(150L, 250L);
        Chance other = new Chance(0.2, 8L);
        List<Boolean> otherSeed = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            otherSeed.add(other.hit("vm1"));
        }
        assertThat(otherSeed).as("another seed draws otherwise").isNotEqualTo(first);
    }

    @Test
    void rdmaLinksAreOptionalLoadAndValidateAgainstTheSchema() throws Exception {
        assertThat(loader.parse("t.yaml", MINIMAL).hosts().get(0).migrationRdmaLinks()).as("default: none").isZero();
        String yaml = MINIMAL.replace("    domain: lab.test\n", """
                    domain: lab.test
                    migrationLinkGbps: 25
                    migrationRdmaLinks: 2
                """);
        HostSpec h = loader.parse("t.yaml", yaml).hosts().get(0);
        assertThat(h.migrationRdmaLinks()).isEqualTo(2);
        assertThat(h.migrationLinkGbps()).isEqualTo(25.0);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("schema/fleet.schema.json")));
        assertThat(schema.validate(new ObjectMapper(new YAMLFactory()).readTree(yaml))).isEmpty();
        String negative = yaml.replace("migrationRdmaLinks: 2", "migrationRdmaLinks: -1");
        assertThat(schema.validate(new ObjectMapper(new YAMLFactory()).readTree(negative))).isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.parse("t.yaml", negative))
                .hasMessageContaining("hosts[0].migrationRdmaLinks must be >= 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.parse("t.yaml", yaml.replace("migrationLinkGbps: 25",
                "migrationLinkGbps: 0"))).hasMessageContaining("hosts[0].migrationLinkGbps must be > 0");
    }

    @Test
    void aProbabilityOutsideZeroToOneIsRefused() {
        String yaml = MINIMAL + """
                faults:
                  - { kind: migrationFailure, probability: 1.5 }
                """;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.parse("t.yaml", yaml))
                .hasMessageContaining("faults[0].probability must be more than 0 and at most 1");
    }

    @Test
    void anExternalTrustWithinOneForestIsRefused() {
        String yaml = MINIMAL.replace("  - { name: lab.test, netbios: LAB }\n", """
                  - { name: lab.test, netbios: LAB }
                  - { name: child.lab.test, netbios: CHILD, forest: lab.test }
                trusts:
                  - { from: child.lab.test, to: lab.test, type: External }
                """);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.parse("t.yaml", yaml))
                .hasMessageContaining("are in the same forest");
    }

    @Test
    void schemaRejectsAPrivateMigrationAddress() throws Exception {
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(MINIMAL.replace("domain: lab.test\n",
                "domain: lab.test\n    migrationAddresses: [10.0.0.5]\n"));
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("schema/fleet.schema.json")));
        assertThat(schema.validate(yaml)).isNotEmpty();
    }

    @Test
    void defaultsAreWindowsDefaults() throws Exception {
        Fleet f = loader.parse("t.yaml", MINIMAL);
        HostSpec h = f.hosts().get(0);
        assertThat(h.os()).isEqualTo(2022);
        assertThat(h.migration().enabled()).isFalse();
        assertThat(h.migration().authenticationType()).isEqualTo("CredSSP");
        assertThat(h.migration().performanceOption()).isEqualTo("Compression");
        assertThat(h.migration().maximumVirtualMachineMigrations()).isEqualTo(2);
        assertThat(h.credentialGuard()).isFalse();
    }

    @Test
    void windowsServer2025DefaultsToCredentialGuardAndKerberos() throws Exception {
        HostSpec h = loader.parse("t.yaml", MINIMAL.replace("domain: lab.test\n", "domain: lab.test\n    os: 2025\n"))
                .hosts().get(0);
        assertThat(h.credentialGuard()).isTrue();
        assertThat(h.migration().authenticationType()).isEqualTo("Kerberos");
    }

    @Test
    void unknownKeyIsReportedWithLineAndColumn() {
        FleetLoadException e = catchThrowableOfType(FleetLoadException.class,
                () -> loader.parse("bad.yaml", MINIMAL + "    colour: blue\n"));
        assertThat(e.getMessage()).startsWith("bad.yaml:7:5:").contains("unknown key 'colour'").contains("hosts[0]");
    }

    @Test
    void wrongTypeIsReportedWithLineAndColumn() {
        FleetLoadException e = catchThrowableOfType(FleetLoadException.class,
                () -> loader.parse("bad.yaml", MINIMAL + "    memoryTotalGB: lots\n"));
        assertThat(e.getMessage()).startsWith("bad.yaml:7:").contains("hosts[0].memoryTotalGB")
                .contains("expected an integer");
    }

    @Test
    void unresolvedReferencesAreAllReported() {
        FleetLoadException e = catchThrowableOfType(FleetLoadException.class, () -> loader.parse("bad.yaml", MINIMAL
                + "    cluster: NOPE\nvms:\n  - { name: v, host: HV-9, path: 'D:\\VMs\\v' }\n"));
        assertThat(e.getMessage()).contains("hosts[0].cluster: no cluster named 'NOPE'")
                .contains("vms[0].host: no host named 'HV-9'");
    }

    @Test
    void unknownFaultKindIsReported() {
        FleetLoadException e = catchThrowableOfType(FleetLoadException.class,
                () -> loader.parse("bad.yaml", MINIMAL + "faults:\n  - { kind: meteor }\n"));
        assertThat(e.getMessage()).contains("unknown kind 'meteor'");
    }

    @Test
    void nonLoopbackEndpointIsRefused() {
        FleetLoadException e = catchThrowableOfType(FleetLoadException.class, () -> loader.parse("bad.yaml",
                MINIMAL + "    winrm: { address: 192.0.2.1 }\n"));
        assertThat(e.getMessage()).contains("is not a loopback address");
    }

    @Test
    void anEndpointAddressThatIsNoLiteralIsRefusedAsText() {
        // the JDK would look up 127.0.1.300 (no literal) and hv-1.lab.test as names; the fleet takes neither
        for (String notLiteral : List.of("127.0.1.300", "hv-1.lab.test", "127.000.1.11")) {
            FleetLoadException e = catchThrowableOfType(FleetLoadException.class, () -> loader.parse("bad.yaml",
                    MINIMAL + "    winrm: { address: '" + notLiteral + "' }\n"));
            assertThat(e).as(notLiteral).isNotNull();
            assertThat(e.getMessage()).contains("'" + notLiteral + "' is not a loopback address");
        }
    }

    @Test
    void missingFileIsReported() {
        FleetLoadException e = catchThrowableOfType(FleetLoadException.class,
                () -> loader.load(Path.of("config/fleets/none.yaml")));
        assertThat(e.getMessage()).contains("cannot read the fleet file");
    }
}
