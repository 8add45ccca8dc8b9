package io.hvmigrate.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.model.CredentialRef;
import io.hvmigrate.model.Inventory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The directory of an inventory that names none: the hosts' domain over LDAP, bound as the hosts' account. */
class DirectoriesTest {

    static Inventory inventory(String user, CredentialRef credential) {
        return new Inventory(null, null, List.of(
                new Inventory.HostEndpoint("hv-a1", "hv-a1.corp.example.com", "HV-A1", "127.0.0.1", Inventory.Transport.HTTPS, 5986,
                        Inventory.Auth.NTLM, user, credential, false),
                new Inventory.HostEndpoint("hv-b1", "hv-b1.other.example.com", "HV-B1", "127.0.0.2", Inventory.Transport.HTTPS, 5986,
                        Inventory.Auth.NTLM, user, credential, false)), List.of(), List.of());
    }

    @Test
    void theFirstHostsDomainItsDcsByDnsAndAKerberosBindAsTheHostsAccount() {
        CredentialRef pw = CredentialRef.parse("env:HV_PASSWORD");
        Inventory.DirectoryRef ref = Directories.defaultRef(inventory("CORP\\svc-hvmigrate", pw), null);

        assertThat(ref.url()).isNull();
        assertThat(ref.domain()).isEqualTo("corp.example.com");
        assertThat(ref.dnsServer()).isNull();
        assertThat(ref.kerberos()).isTrue();
        assertThat(ref.kerberosPrincipal()).isEqualTo("svc-hvmigrate@CORP.EXAMPLE.COM");
        assertThat(ref.credential()).isEqualTo(pw);
        assertThat(ref.keytab()).isNull();
        assertThat(ref.startTls()).isTrue();
    }

    @Test
    void aUserPrincipalNameKeepsItsRealmAndTheDnsServerComesFromTheSettings() {
        Inventory.DirectoryRef ref = Directories.defaultRef(inventory("svc@corp.example.com", CredentialRef.parse("env:X")), " 127.0.0.1:5353 ");

        assertThat(ref.kerberosPrincipal()).isEqualTo("svc@CORP.EXAMPLE.COM");
        assertThat(ref.dnsServer()).isEqualTo("127.0.0.1:5353");
    }

    @Test
    void hostsWithoutAnAccountBindWithTheTicketCachesOwnPrincipal() {
        Inventory.DirectoryRef ref = Directories.defaultRef(inventory(null, null), null);

        assertThat(ref.kerberos()).isTrue();
        assertThat(ref.kerberosPrincipal()).isEmpty();
        assertThat(ref.credential()).isNull();
    }

    @Test
    void aKeytabCredentialBindsFromTheKeytab() {
        Inventory.DirectoryRef ref = Directories.defaultRef(inventory("svc@CORP.EXAMPLE.COM", CredentialRef.parse("keytab:/etc/hvmigrate/svc.keytab")), null);

        assertThat(ref.keytab()).hasToString("/etc/hvmigrate/svc.keytab");
        assertThat(ref.credential()).isNull();
        assertThat(ref.kerberosPrincipal()).isEqualTo("svc@CORP.EXAMPLE.COM");
    }
}
