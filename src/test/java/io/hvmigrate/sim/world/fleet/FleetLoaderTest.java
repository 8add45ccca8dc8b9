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
