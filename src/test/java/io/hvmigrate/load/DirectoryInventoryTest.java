package io.hvmigrate.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvmigrate.model.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inventory's directory: block (LDAP backend): bound, and refused with file:line:column when wrong. */
class DirectoryInventoryTest {

    static final String HOSTS = "hosts:\n  - { name: h1, fqdn: h1.lab.test }\n";

    @Test
    void aSimpleBindDirectoryIsRead(@TempDir Path dir) throws Exception {
        io.hvmigrate.sim.tls.FleetCertificateAuthority.create("test").writePem(dir.resolve("ca.pem"));
        Path f = dir.resolve("i.yaml");
        Files.writeString(f, HOSTS + """
                directory:
                  kind: ldap
                  url: ldaps://dc1.lab.test:636
                  baseDn: DC=lab,DC=test
                  caFile: ca.pem
                  bind: { user: svc@LAB.TEST, credential: env:LDAP_PW }
                """);
        Inventory.DirectoryRef d = InventoryFormat.load(f).directory();

        assertThat(d.url().getHost()).isEqualTo("dc1.lab.test");
        assertThat(d.startTls()).isFalse();
        assertThat(d.kerberos()).isFalse();
        assertThat(d.caFile()).isEqualTo(dir.resolve("ca.pem"));
        assertThat(d.credential().toString()).isEqualTo("env:LDAP_PW");
    }

    @Test
    void aManagementHostThatIsADcOrADomainWhoseDcsDnsNames(@TempDir Path dir) throws Exception {
        Path via = dir.resolve("via.yaml");
        Files.writeString(via, HOSTS + "directory:\n  via: H1\n");
        Inventory inv = InventoryFormat.load(via);
        assertThat(inv.directory()).isNull();
        assertThat(inv.directoryVia()).isEqualTo("h1");

        Path srv = dir.resolve("srv.yaml");
        Files.writeString(srv, HOSTS + """
                directory:
                  kind: ldap
                  domain: LAB.TEST
                  dns: 127.0.0.1:5353
                  bind: { kerberos: { principal: svc-hvmigrate@LAB.TEST } }
                """);
        Inventory.DirectoryRef d = InventoryFormat.load(srv).directory();
        assertThat(d.url()).isNull();
        assertThat(d.domain()).isEqualTo("lab.test");
        assertThat(d.dnsServer()).isEqualTo("127.0.0.1:5353");
        assertThat(d.kerberos()).isTrue();

        Path wrong = dir.resolve("wrong.yaml");
        Files.writeString(wrong, HOSTS + "directory:\n  via: h9\n  kind: ldap\n");
        assertThatThrownBy(() -> InventoryFormat.load(wrong)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).contains("'h9' is not a host of this inventory"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).contains("'kind' is for the directory over LDAP"));
        });
    }

    @Test
    void withoutADirectoryBlockThePowerShellBackendIsUsed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("i.yaml");
        Files.writeString(f, HOSTS);
        assertThat(InventoryFormat.load(f).directory()).isNull();
    }

    @Test
    void aPasswordAnUnencryptedSchemeOrTwoBindsAreRefusedWithTheirPlace(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("i.yaml");
        Files.writeString(f, HOSTS + """
                directory:
                  kind: ldap
                  url: http://dc1.lab.test
                  bind:
                    user: svc@LAB.TEST
                    password: Hunter2
                    kerberos: { principal: svc@LAB.TEST }
                """);
        assertThatThrownBy(() -> InventoryFormat.load(f)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.getMessage()).doesNotContain("Hunter2");
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.message()).contains("is not ldaps://");
                assertThat(p.location().line()).isEqualTo(5);
            });
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.message()).isEqualTo("passwords are never written in an inventory");
                assertThat(p.location().line()).isEqualTo(8);
            });
            assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).contains("only one of user, kerberos"));
        });
    }
}
