package io.hvmigrate.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.hvmigrate.model.Inventory;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The LDAP backend's reads and minimal modifies against UnboundID's in-memory server (no AD semantics: it stores and
 * returns values; the Samba peer test is the proof against a real DC).
 */
class LdapDirectoryTest {
    static final String BASE = "DC=lab,DC=test";
    static final String HV1_SID = "S-1-5-21-1004336348-1177238915-682003330-1101";
    static final String HV2_SID = "S-1-5-21-1004336348-1177238915-682003330-1102";
    static final String HV3_SID = "S-1-5-21-1004336348-1177238915-682003330-1103";

    InMemoryDirectoryServer server;
    LDAPConnection connection;
    LdapDirectory dir;

    @BeforeEach
    void start() throws Exception {
        InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig(BASE);
        cfg.setSchema(null);
        // on loopback, and so reached by its address: listening everywhere, it would be reached by this machine's name
        cfg.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("loopback", InetAddress.getLoopbackAddress(), 0, null));
        server = new InMemoryDirectoryServer(cfg);
        server.add(new Entry("dn: " + BASE, "objectClass: domain", "dc: lab"));
        server.add(new Entry("dn: CN=Computers," + BASE, "objectClass: container", "cn: Computers"));
        computer("HV1", HV1_SID, "msDS-AllowedToDelegateTo: cifs/HV2", "userAccountControl: 4096");
        computer("HV2", HV2_SID, "userAccountControl: " + (4096 | 0x1000000));
        computer("HV3", HV3_SID, "userAccountControl: 4096");
        server.startListening();
        connection = server.getConnection();
        dir = new LdapDirectory(new Inventory.DirectoryRef(URI.create("ldaps://dc1.lab.test"), BASE, "u", null, null, null, null),
                connection, BASE);
    }

    void computer(String name, String sid, String... more) throws Exception {
        Entry e = new Entry("CN=" + name + ",CN=Computers," + BASE);
        e.addAttribute("objectClass", "computer");
        e.addAttribute("sAMAccountName", name + "$");
        e.addAttribute("dNSHostName", name.toLowerCase() + ".lab.test");
        e.addAttribute("servicePrincipalName", "cifs/" + name.toLowerCase() + ".lab.test", "cifs/" + name);
        e.addAttribute("objectSid", SecurityDescriptor.sid(sid));
        for (String m : more) {
            String[] kv = m.split(": ", 2);
            e.addAttribute(kv[0], kv[1]);
        }
        server.add(e);
    }

    @AfterEach
    void stop() {
        connection.close();
        server.shutDown(true);
    }

    @Test
    void findsComputersBySamAccountNameNetbiosOrDnsNameAndLeavesOutUnknownOnes() throws Exception {
        List<DirectoryAccount> found = dir.computers(List.of("HV1", "hv2.lab.test", "HV3$", "NOPE"));

        assertThat(found).extracting(DirectoryAccount::asked).containsExactly("HV1", "hv2.lab.test", "HV3$");
        DirectoryAccount hv1 = found.getFirst();
        assertThat(hv1.samAccountName()).isEqualTo("HV1$");
        assertThat(hv1.distinguishedName()).isEqualTo("CN=HV1,CN=Computers," + BASE);
        assertThat(hv1.allowedToDelegateTo()).containsExactly("cifs/HV2");
        assertThat(hv1.trustedToAuthForDelegation()).isFalse();
        assertThat(found.get(1).trustedToAuthForDelegation()).isTrue();
    }

    @Test
    void addsOnlyTheMissingValuesAndKeepsWhatIsThere() throws Exception {
        List<String> added = dir.addDelegateTo("HV1$", "lab.test", List.of("CIFS/HV2", "cifs/hv2.lab.test"));

        assertThat(added).containsExactly("cifs/hv2.lab.test");
        assertThat(values("HV1", "msDS-AllowedToDelegateTo")).containsExactlyInAnyOrder("cifs/HV2", "cifs/hv2.lab.test");
        assertThat(dir.addDelegateTo("HV1$", "lab.test", List.of("cifs/hv2.lab.test"))).isEmpty();
    }

    @Test
    void addKeepsAValueSomeoneElseWroteSinceTheRead() throws Exception {
        server.modify("CN=HV1,CN=Computers," + BASE, new Modification(ModificationType.ADD, "msDS-AllowedToDelegateTo", "cifs/fs1.lab.test"));

        dir.addDelegateTo("HV1", "lab.test", List.of("cifs/hv2.lab.test"));

        assertThat(values("HV1", "msDS-AllowedToDelegateTo")).containsExactlyInAnyOrder("cifs/HV2", "cifs/fs1.lab.test", "cifs/hv2.lab.test");
    }

    @Test
    void removesOnlyTheNamedValuesAsTheDirectorySpellsThem() throws Exception {
        assertThat(dir.removeDelegateTo("HV1$", "lab.test", List.of("CIFS/hv2", "cifs/absent"))).containsExactly("cifs/HV2");
        assertThat(values("HV1", "msDS-AllowedToDelegateTo")).isEmpty();
    }

    @Test
    void setsAndClearsProtocolTransitionLeavingTheOtherFlags() throws Exception {
        assertThat(dir.allowProtocolTransition("HV1$", "lab.test")).isTrue();
        assertThat(values("HV1", "userAccountControl")).containsExactly(Long.toString(4096 | 0x1000000));
        assertThat(dir.allowProtocolTransition("HV1$", "lab.test")).isFalse();

        assertThat(dir.stopProtocolTransition("HV2$", "lab.test")).isTrue();
        assertThat(values("HV2", "userAccountControl")).containsExactly("4096");
    }

    @Test
    void refusesAnAccountOfAnotherDomain() {
        assertThatThrownBy(() -> dir.addDelegateTo("HV1$", "partner.test", List.of("cifs/x")))
                .isInstanceOf(DirectoryException.class).hasMessageContaining("holds lab.test, not partner.test");
    }

    @Test
    void resourceBasedDelegationIsMergedIntoTheDescriptorNeverOverwritten() throws Exception {
        server.modify("CN=HV3,CN=Computers," + BASE, new Modification(ModificationType.ADD,
                "msDS-AllowedToActOnBehalfOfOtherIdentity", SecurityDescriptor.allowing(List.of(HV2_SID))));

        List<String> added = dir.addPrincipals("HV3$", "lab.test", List.of(new Directory.PrincipalRef("HV1$", "lab.test"),
                new Directory.PrincipalRef("HV2$", "lab.test")));

        assertThat(added).containsExactly("HV1$");
        byte[] sd = server.getEntry("CN=HV3,CN=Computers," + BASE).getAttributeValueBytes("msDS-AllowedToActOnBehalfOfOtherIdentity");
        assertThat(SecurityDescriptor.allowedSids(sd)).containsExactly(HV2_SID, HV1_SID);
        assertThat(dir.computers(List.of("HV3")).getFirst().allowedToActOnBehalfOf()).containsExactly("HV2$", "HV1$");
        assertThat(dir.addPrincipals("HV3$", "lab.test", List.of(new Directory.PrincipalRef("HV1$", "lab.test")))).isEmpty();
    }

    @Test
    void readsDistinguishedNamesAndFlagsForLdif() throws Exception {
        var entries = dir.accounts("lab.test", List.of("HV2$"));

        assertThat(entries.values()).containsExactly(new Directory.AccountEntry("HV2$", "CN=HV2,CN=Computers," + BASE, 4096 | 0x1000000));
    }

    @Test
    void readsTrustObjects() throws Exception {
        server.add(new Entry("dn: CN=System," + BASE, "objectClass: container", "cn: System"));
        server.add(new Entry("dn: CN=partner.test,CN=System," + BASE, "objectClass: trustedDomain", "trustPartner: partner.test",
                "trustDirection: 3", "trustType: 2", "trustAttributes: 8"));

        assertThat(dir.trusts()).containsExactly(new Directory.TrustInfo("lab.test", "partner.test", 3, 2, 8));
        assertThat(dir.trusts().getFirst().forestTransitive()).isTrue();
    }

    @Test
    void aKerberosBindToAnAddressIsRefusedBeforeAnyConnection() {
        LdapDirectory byAddress = new LdapDirectory(new Inventory.DirectoryRef(URI.create("ldaps://127.0.0.1:1"), BASE, null, null,
                "svc@LAB.TEST", null, null), () -> null, java.time.Duration.ofSeconds(2));

        assertThatThrownBy(() -> byAddress.computers(List.of("HV1"))).isInstanceOf(DirectoryException.class)
                .hasMessageContaining("DNS name").hasMessageContaining("ldap/<name>");
    }

    @Test
    void kerberosBindFailuresSayWhatToFix() {
        java.nio.file.Path keytab = java.nio.file.Path.of("/etc/svc.keytab");
        assertThat(LdapDirectory.kerberosFailure(gssapi("Clock skew too great (37)"), "svc@LAB.TEST", keytab, "dc1.lab.test"))
                .contains("clock skew").contains("synchronise");
        assertThat(LdapDirectory.kerberosFailure(gssapi("Cannot contact any KDC for realm 'LAB.TEST'"), "svc@LAB.TEST", keytab, "dc1.lab.test"))
                .contains("no KDC answered for LAB.TEST").contains("krb5.conf");
        assertThat(LdapDirectory.kerberosFailure(gssapi("Pre-authentication information was invalid (24)"), "svc@LAB.TEST", keytab, "dc1"))
                .contains("the keytab /etc/svc.keytab does not hold svc@LAB.TEST's current key");
        assertThat(LdapDirectory.kerberosFailure(gssapi("Server not found in Kerberos database (7)"), "svc@LAB.TEST", keytab, "dc9.lab.test"))
                .contains("no service principal ldap/dc9.lab.test");
        assertThat(LdapDirectory.kerberosFailure(gssapi("Client not found in Kerberos database (6)"), "svc@LAB.TEST", keytab, "dc1"))
                .contains("the KDC does not know svc@LAB.TEST");
        assertThat(LdapDirectory.kerberosFailure(gssapi("Unable to obtain password from user"), "svc@LAB.TEST", null, "dc1"))
                .contains("no ticket for svc@LAB.TEST in the ticket cache");
        assertThat(LdapDirectory.kerberosFailure(gssapi("something new"), "svc@LAB.TEST", keytab, "dc1"))
                .isEqualTo("Kerberos bind as svc@LAB.TEST failed: 82 (local error): something new");
    }

    /** A GSSAPI bind failure as UnboundID reports it: the KDC's answer deep in the cause chain. */
    static com.unboundid.ldap.sdk.LDAPException gssapi(String krb) {
        Exception chain = new javax.security.auth.login.LoginException(krb);
        chain.initCause(new Exception(krb));
        return new com.unboundid.ldap.sdk.LDAPException(com.unboundid.ldap.sdk.ResultCode.LOCAL_ERROR,
                "Unable to perform GSSAPI authentication: an error occurred during JAAS login", chain);
    }

    List<String> values(String cn, String attribute) throws Exception {
        String[] v = server.getEntry("CN=" + cn + ",CN=Computers," + BASE).getAttributeValues(attribute);
        return v == null ? List.of() : List.of(v);
    }

    @Test
    void readsTheEngineUsersSensitivityAndGroupsAndTheAccountsWhenChanged() throws Exception {
        server.add(new Entry("dn: CN=Users," + BASE, "objectClass: container", "cn: Users"));
        server.add(new Entry("dn: CN=admin-sensitive,CN=Users," + BASE, "objectClass: user", "sAMAccountName: admin-sensitive",
                "userAccountControl: " + (0x200 | 0x100000)));
        server.add(new Entry("dn: CN=ops-protected,CN=Users," + BASE, "objectClass: user", "sAMAccountName: ops-protected",
                "userAccountControl: 512", "memberOf: CN=Protected Users,CN=Users," + BASE));
        server.add(new Entry("dn: CN=svc,CN=Users," + BASE, "objectClass: user", "sAMAccountName: svc", "userAccountControl: 512"));
        server.modify("CN=HV1,CN=Computers," + BASE, new com.unboundid.ldap.sdk.Modification(
                com.unboundid.ldap.sdk.ModificationType.REPLACE, "whenChanged", "20260306181000.0Z"));

        List<Directory.UserInfo> users = dir.users(List.of(new Directory.AccountRef("admin-sensitive", "LAB"),
                new Directory.AccountRef("ops-protected", "lab.test"), new Directory.AccountRef("svc", null),
                new Directory.AccountRef("svc", "partner.test"), new Directory.AccountRef("nobody", null)));

        assertThat(users).extracting(Directory.UserInfo::samAccountName).containsExactly("admin-sensitive", "ops-protected", "svc");
        assertThat(users).extracting(Directory.UserInfo::accountNotDelegated).containsExactly(true, false, false);
        assertThat(users.get(1).memberOf()).containsExactly("CN=Protected Users,CN=Users," + BASE);
        assertThat(dir.computers(List.of("HV1")).getFirst().whenChanged()).isEqualTo(java.time.Instant.parse("2026-03-06T18:10:00Z"));
    }
}
