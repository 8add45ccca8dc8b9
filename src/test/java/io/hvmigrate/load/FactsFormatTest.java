package io.hvmigrate.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvmigrate.model.Facts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactsFormatTest {

    @Test
    void readsTheShippedExample() {
        Facts f = FactsFormat.load(Path.of("config/facts.example.yaml"));
        assertThat(f.clusters()).extracting(Facts.ClusterFacts::name).containsExactly("CL-A", "CL-B", "CL-C");
        Facts.HostFacts a1 = f.host("hv-a1").orElseThrow();
        assertThat(a1.migration().authenticationType()).isEqualTo(Facts.AuthType.KERBEROS);
        assertThat(a1.migration().useAnyNetwork()).isFalse();
        assertThat(a1.memory().totalBytes()).isEqualTo(512L << 30);
        Facts.VmFacts db01 = f.vms().stream().filter(v -> v.name().equals("db01")).findFirst().orElseThrow();
        assertThat(db01.group().priority()).isEqualTo(3000);
        assertThat(db01.group().cluster()).isEqualTo("CL-A");
        assertThat(db01.diskBytes()).isEqualTo(480L << 30);
        assertThat(f.directory().forestOf("lab.test")).isEqualTo("lab.test");
        assertThat(f.directory().computer("hv-a1").orElseThrow().allowedToDelegateTo())
                .contains("Microsoft Virtual System Migration Service/hv-b1.lab.test");
    }

    @Test
    void aHandWrittenHostGetsWindowsDefaults(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("f.yaml");
        Files.writeString(p, "hosts: [{ name: h1, fqdn: h1.lab.test }]\n");
        Facts.HostFacts h = FactsFormat.load(p).hosts().get(0);
        assertThat(h.migration()).isEqualTo(new Facts.MigrationSettings(false, Facts.AuthType.CREDSSP,
                Facts.PerformanceOption.COMPRESSION, true, 2, 2));
        assertThat(h.domain()).isEqualTo("lab.test");
        assertThat(h.netbios()).isEqualTo("H1");
    }

    @Test
    void crossReferencesMustAgree(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("f.yaml");
        Files.writeString(p, """
                clusters:
                  - { name: C1, nodes: [h1, h9] }
                hosts:
                  - { name: h1, fqdn: h1.lab.test, cluster: C1 }
                  - { name: h2, fqdn: h2.lab.test, migrationNetworks: [{ subnet: 198.51.100.1/24 }], addresses: [198.51.100.2] }
                  - { name: h4, fqdn: h4.lab.test, cluster: C2 }
                vms:
                  - { name: v1, host: h3, path: 'D:\\v1' }
                  - { name: v2, host: h2, path: 'D:\\v2', group: {} }
                """);
        assertThatThrownBy(() -> FactsFormat.load(p)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(pr -> pr.location().line() + ":" + pr.message()).containsExactlyInAnyOrder(
                        "2:cluster 'C1' lists node 'h9', which is not in hosts:",
                        "6:host 'h4' names cluster 'C2', which is not in clusters:",
                        "5:'198.51.100.1/24' has host bits set; the subnet is 198.51.100.0/24",
                        "5:address '198.51.100.2' has no prefix length",
                        "8:VM 'v1' is on host 'h3', which is not in hosts:",
                        "9:VM 'v2' has a cluster group but host 'h2' is not a cluster node"));
    }

    @Test
    void sizesMayBeBytesOrUnits(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("f.yaml");
        Files.writeString(p, "hosts: [{ name: h1, fqdn: h1.lab.test, memory: { total: 1073741824, available: 512MB } }]\n"
                + "vms: [{ name: v, host: h1, path: 'D:\\v', memory: 1.5GB }]\n");
        Facts f = FactsFormat.load(p);
        assertThat(f.hosts().get(0).memory()).isEqualTo(new Facts.Memory(1L << 30, 512L << 20));
        assertThat(f.vms().get(0).memoryBytes()).isEqualTo(3L << 29);
        Files.writeString(p, "hosts: [{ name: h1, fqdn: h1.lab.test, memory: { total: lots } }]\n");
        assertThatThrownBy(() -> FactsFormat.load(p)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(pr -> assertThat(pr.message()).isEqualTo("'lots' is not a size")));
    }
}
