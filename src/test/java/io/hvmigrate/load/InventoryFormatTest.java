package io.hvmigrate.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvmigrate.model.CredentialRef;
import io.hvmigrate.model.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryFormatTest {

    @Test
    void hostsInheritDefaultsAndDeriveTheirNames() {
        Inventory inv = InventoryFormat.load(Path.of("config/inventory.example.yaml"));
        Inventory.HostEndpoint a1 = inv.host("HV-A1.lab.test").orElseThrow();
        assertThat(a1.name()).isEqualTo("hv-a1");
        assertThat(a1.netbios()).isEqualTo("HV-A1");
        assertThat(a1.address()).isEqualTo("hv-a1.lab.test");
        assertThat(a1.transport()).isEqualTo(Inventory.Transport.HTTPS);
        assertThat(a1.port()).isEqualTo(5986);
        assertThat(a1.auth()).isEqualTo(Inventory.Auth.KERBEROS);
        assertThat(a1.credential()).isEqualTo(new CredentialRef(CredentialRef.Source.ENV, "HVMIGRATE_WINRM_PASSWORD"));
        assertThat(inv.host("hv-x1").orElseThrow().auth()).isEqualTo(Inventory.Auth.NTLM);
        assertThat(inv.fileServer("sofs1").orElseThrow().kind()).isEqualTo(Inventory.FileServerKind.SOFS);
        assertThat(inv.cluster("cl-a.lab.test")).isPresent();
    }

    @Test
    void refusesPasswordsWithoutEverRepeatingThem() {
        Path f = Path.of("src/test/resources/broken/inventory-password.yaml");
        assertThatThrownBy(() -> InventoryFormat.load(f)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.problems()).hasSize(2).allSatisfy(p -> {
                assertThat(p.sensitive()).isTrue();
                assertThat(p.format()).doesNotContain("Hunter2");
            });
            assertThat(e.problems().get(0).location().line()).isEqualTo(3);
            assertThat(e.problems().get(1).message()).isEqualTo("passwords are never written in an inventory");
            assertThat(e.getMessage()).doesNotContain("Hunter2");
        });
    }

    @Test
    void ntlmNeedsAUserAndACredential(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("i.yaml");
        Files.writeString(f, "hosts:\n  - { name: h1, fqdn: h1.lab.test, auth: ntlm }\n");
        assertThatThrownBy(() -> InventoryFormat.load(f)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.message()).isEqualTo("host 'h1' uses NTLM but has no user");
                    assertThat(p.location().line()).isEqualTo(2);
                }));
    }

    @Test
    void aKerberosKeytabIsACredentialRelativeToTheInventory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("svc.keytab"), "not a password");
        Path f = dir.resolve("i.yaml");
        Files.writeString(f, "defaults: { auth: kerberos, user: svc@LAB.TEST, credential: 'keytab:svc.keytab' }\n"
                + "hosts:\n  - { name: h1, fqdn: h1.lab.test }\n");
        Inventory.HostEndpoint h1 = InventoryFormat.load(f).host("h1").orElseThrow();
        assertThat(h1.credential()).isEqualTo(new CredentialRef(CredentialRef.Source.KEYTAB, dir.resolve("svc.keytab").toString()));
    }

    @Test
    void aKeytabServesKerberosOnlyWithItsPrincipalAndMustExist(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("i.yaml");
        Files.writeString(f, """
                hosts:
                  - { name: h1, fqdn: h1.lab.test, auth: ntlm, user: 'LAB\\svc', credential: 'keytab:svc.keytab' }
                  - { name: h2, fqdn: h2.lab.test, credential: 'keytab:svc.keytab' }
                  - { name: h3, fqdn: h3.lab.test, user: svc@LAB.TEST, credential: 'keytab:absent.keytab' }
                """);
        assertThatThrownBy(() -> InventoryFormat.load(f)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(Problem::message).containsExactly(
                        "host 'h1' uses NTLM, which needs a password, but its credential is a keytab",
                        "host 'h2' has a keytab but no user: the keytab holds the key of one principal",
                        "host 'h3': keytab " + dir.resolve("absent.keytab") + " cannot be read"));
    }

    @Test
    void namesMustBeUniqueAcrossHostsClustersAndFileServers(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("i.yaml");
        Files.writeString(f, """
                hosts:
                  - { name: h1, fqdn: h1.lab.test }
                  - { name: h2, fqdn: h1.lab.test }
                clusters: [{ name: h2 }]
                fileServers: [{ name: fs, kind: nas }]
                """);
        assertThatThrownBy(() -> InventoryFormat.load(f)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(Problem::message).containsExactly(
                        "host 'h1.lab.test' is listed twice (first at " + f + ":2:5)",
                        "name 'h2' is used twice in the inventory",
                        "'nas' is not a valid value for file server or Scale-Out File Server"));
    }

    @Test
    void httpUsesPort5985UnlessToldOtherwise(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("i.yaml");
        Files.writeString(f, "defaults: { transport: http, auth: ntlm, user: u, credential: 'file:/run/secrets/winrm' }\nhosts: [{ name: h1, fqdn: h1.lab.test }, { name: h2, fqdn: h2.lab.test, port: 15985 }]\n");
        Inventory inv = InventoryFormat.load(f);
        assertThat(inv.host("h1").orElseThrow().port()).isEqualTo(5985);
        assertThat(inv.host("h2").orElseThrow().port()).isEqualTo(15985);
        assertThat(inv.host("h1").orElseThrow().credential()).isEqualTo(new CredentialRef(CredentialRef.Source.FILE, "/run/secrets/winrm"));
    }

    @Test
    void anAddressIsAHostNameOrAnIpLiteralAndNothingElse(@TempDir Path dir) throws Exception {
        for (String bad : List.of("127.0.9.11/wsman?x=$(whoami)", "https://hv-a1", "hv-a1:5986", "u@hv-a1", "127.0.0.300", "[::1]/x")) {
            Path f = dir.resolve("i.yaml");
            Files.writeString(f, "hosts:\n  - { name: hv-a1, fqdn: hv-a1.lab.test, address: '" + bad + "' }\n");
            assertThatThrownBy(() -> InventoryFormat.load(f)).as(bad).isInstanceOfSatisfying(InvalidInputException.class, e ->
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.location().line()).isEqualTo(2);
                        assertThat(p.message()).contains("not a host name or an IP address");
                    }));
        }
        for (String good : List.of("127.0.0.1", "hv-a1", "hv-a1.lab.test", "::1", "[::1]", "fe80::1", "::ffff:127.0.1.11")) {
            Path f = dir.resolve("i.yaml");
            Files.writeString(f, "hosts:\n  - { name: hv-a1, fqdn: hv-a1.lab.test, address: '" + good + "' }\n");
            assertThat(InventoryFormat.load(f).host("hv-a1").orElseThrow().address()).isEqualTo(good);
        }
    }

    @Test
    void httpIsAcceptedWithKerberosAndWithNtlmBothOfWhichSealEveryMessage(@TempDir Path dir) throws Exception {
        Path kerberos = dir.resolve("k.yaml");
        Files.writeString(kerberos, "defaults:\n  transport: http\nhosts:\n  - { name: h1, fqdn: h1.lab.test }\n"
                + "  - { name: h2, fqdn: h2.lab.test, auth: kerberos }\n");
        assertThat(InventoryFormat.load(kerberos).hosts()).extracting(Inventory.HostEndpoint::transport)
                .containsOnly(Inventory.Transport.HTTP);

        Path f = dir.resolve("i.yaml");
        Files.writeString(f, "defaults:\n  transport: http\n  auth: ntlm\n  user: LAB\\\\svc\n  credential: env:PW\nhosts:\n  - { name: h1, fqdn: h1.lab.test }\n"
                + "  - { name: h2, fqdn: h2.lab.test }\n");
        assertThat(InventoryFormat.load(f).hosts()).extracting(Inventory.HostEndpoint::transport, Inventory.HostEndpoint::auth)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(Inventory.Transport.HTTP, Inventory.Auth.NTLM));
    }
}
