package io.hvmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Inventory.HostEndpoint;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a host says it is against the inventory entry that reached it. */
class HostIdentityTest {
    static final String A1_ID = "6f1c4a2e-9b7d-3c55-8e21-0a4f5b6c7d81";
    static final String A2_ID = "0b9e8d7c-6a5f-3e4d-9c2b-1a0f9e8d7c6b";

    static HostEndpoint entry(String name, String fqdn) {
        return at(name, fqdn, "127.0.9.11", 5986);
    }

    static HostEndpoint at(String name, String fqdn, String address, int port) {
        return new HostEndpoint(name, fqdn, io.hvmigrate.model.Names.netbiosOf(fqdn), address, Inventory.Transport.HTTPS,
                port, Inventory.Auth.NTLM, "LAB\\svc", null, false);
    }

    static Inventory inventory(HostEndpoint... hosts) {
        return new Inventory(Path.of("inventory.yaml"), null, List.of(hosts), List.of(), List.of());
    }

    @Test
    void theEntrysOwnHostMatches() {
        HostIdentity id = new HostIdentity("HV-A1", "hv-a1.lab.test", A1_ID);
        assertThat(id.mismatch(entry("hv-a1", "HV-A1.Lab.Test"))).isEmpty();
        assertThat(id.domain()).isEqualTo("lab.test");
    }

    @Test
    void aDnsNameLongerThanANetbiosNameIsStillTheHostsOwn() {
        HostIdentity id = new HostIdentity("HV-PRODUCTION-0", "hv-production-07.lab.test", A1_ID);
        assertThat(id.mismatch(entry("prod7", "hv-production-07.lab.test"))).isEmpty();
        assertThat(new HostIdentity("HV-PRODUCTION-1", "hv-production-07.lab.test", A1_ID)
                .mismatch(entry("prod7", "hv-production-07.lab.test"))).isPresent();
    }

    @Test
    void anotherHostIsNamedWithBothIdentities() {
        HostIdentity a2 = new HostIdentity("HV-A2", "hv-a2.lab.test", A2_ID);
        String why = a2.mismatch(entry("hv-a1", "hv-a1.lab.test")).orElseThrow();
        assertThat(why).contains("inventory entry hv-a1 (hv-a1.lab.test)", "HV-A2 (hv-a2.lab.test, SMBIOS UUID " + A2_ID + ")",
                "computer name HV-A2, not HV-A1", "FQDN hv-a2.lab.test, not hv-a1.lab.test");
    }

    @Test
    void theSameNameInAnotherDomainIsAnotherHost() {
        HostIdentity other = new HostIdentity("HV-A1", "hv-a1.corp.test", A2_ID);
        assertThat(other.mismatch(entry("hv-a1", "hv-a1.lab.test"))).get().asString().contains("domain corp.test, not lab.test");
    }

    @Test
    void aHostThatGivesNoNameIsNotTakenOnTrust() {
        assertThat(new HostIdentity(null, null, null).mismatch(entry("hv-a1", "hv-a1.lab.test"))).get().asString()
                .contains("did not give its computer name");
    }

    @Test
    void theIdentityIsReadFromTheDiscoveryAnswerAndAnAllZeroUuidIsNone() throws Exception {
        var d = new ObjectMapper().readTree("{\"name\":\"HV-A1\",\"fqdn\":\"hv-a1.lab.test\",\"uuid\":\"6F1C4A2E-9B7D-3C55-8E21-0A4F5B6C7D81\"}");
        assertThat(HostIdentity.of(d)).isEqualTo(new HostIdentity("HV-A1", "hv-a1.lab.test", A1_ID));
        assertThat(HostIdentity.stableId("00000000-0000-0000-0000-000000000000")).isNull();
        assertThat(HostIdentity.stableId("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")).isNull();
        assertThat(HostIdentity.stableId(" ")).isNull();
    }

    @Test
    void twoEntriesThatReachOneHostAreBothBlockedEachNamingBoth() {
        Inventory inv = inventory(entry("hv-a1", "hv-a1.lab.test"), entry("a1-alias", "hv-a1-alias.lab.test"),
                entry("hv-a2", "hv-a2.lab.test"));
        Map<String, HostIdentity> answered = new LinkedHashMap<>();
        HostIdentity a1 = new HostIdentity("HV-A1", "hv-a1.lab.test", A1_ID);
        answered.put("hv-a1", a1);
        answered.put("a1-alias", a1);
        answered.put("hv-a2", new HostIdentity("HV-A2", "hv-a2.lab.test", A2_ID));

        Map<String, String> blocked = HostIdentity.blocked(inv, answered, Map.of(), Map.of());

        assertThat(blocked).containsOnlyKeys("hv-a1", "a1-alias");
        assertThat(blocked.get("hv-a1")).contains("inventory entries hv-a1 and a1-alias reach the same host (hv-a1.lab.test)");
        assertThat(blocked.get("a1-alias")).contains("inventory entry a1-alias (hv-a1-alias.lab.test) reached a host that says it is HV-A1",
                "inventory entries hv-a1 and a1-alias reach the same host");
    }

    @Test
    void oneMachineUnderTwoFqdnsIsCaughtByItsStableId() {
        // both entries pass the name check (say, a host renamed in DNS and its old name left in the inventory)
        Inventory inv = inventory(entry("hv-a1", "hv-a1.lab.test"), entry("hv-x1", "hv-x1.lab.test"));
        Map<String, HostIdentity> answered = Map.of("hv-a1", new HostIdentity("HV-A1", "hv-a1.lab.test", A1_ID),
                "hv-x1", new HostIdentity("HV-X1", "hv-x1.lab.test", A1_ID));
        Map<String, String> blocked = HostIdentity.blocked(inv, answered, Map.of(), Map.of());
        assertThat(blocked).containsOnlyKeys("hv-a1", "hv-x1");
        assertThat(blocked.get("hv-x1")).contains("inventory entries hv-a1 and hv-x1 reach the same host (SMBIOS UUID " + A1_ID + ")");
    }

    @Test
    void anEntryRefusedByAnotherHostsCertificateBlocksThatHostsEntryToo() {
        Inventory inv = inventory(entry("hv-a1", "hv-a1.lab.test"), entry("hv-a2", "hv-a2.lab.test"), entry("hv-a3", "hv-a3.lab.test"));
        Map<String, HostIdentity> answered = Map.of("hv-a2", new HostIdentity("HV-A2", "hv-a2.lab.test", A2_ID),
                "hv-a3", new HostIdentity("HV-A3", "hv-a3.lab.test", null));
        Map<String, String> blocked = HostIdentity.blocked(inv, answered, Map.of("hv-a1", "HV-A2.lab.test"),
                Map.of("hv-a1", "the host at 127.0.9.12:5986 presented a certificate for hv-a2.lab.test, not for hv-a1.lab.test"));
        assertThat(blocked).containsOnlyKeys("hv-a1", "hv-a2");
        assertThat(blocked.get("hv-a1")).startsWith("the host at 127.0.9.12:5986 presented a certificate for hv-a2.lab.test")
                .contains("inventory entries hv-a1 and hv-a2 reach the same host (hv-a2.lab.test)");
        assertThat(blocked.get("hv-a2")).contains("inventory entries hv-a1 and hv-a2 reach the same host");
    }

    @Test
    void entriesThatEachReachTheirOwnHostAreNotBlocked() {
        Inventory inv = inventory(entry("hv-a1", "hv-a1.lab.test"), entry("hv-a2", "hv-a2.lab.test"));
        Map<String, HostIdentity> answered = Map.of("hv-a1", new HostIdentity("HV-A1", "hv-a1.lab.test", A1_ID),
                "hv-a2", new HostIdentity("HV-A2", "hv-a2.lab.test", A2_ID));
        assertThat(HostIdentity.blocked(inv, answered, Map.of(), Map.of())).isEmpty();
    }

    @Test
    void entriesThatConnectToOneAddressAndPortAreBlockedEachNamingTheOthers() {
        Map<String, String> shared = HostIdentity.sharedTargets(List.of(at("hv-a1", "hv-a1.lab.test", "192.0.2.12", 5986),
                at("hv-a2", "hv-a2.lab.test", "192.0.2.12", 5986), at("hv-a3", "hv-a3.lab.test", "192.0.2.12", 5987),
                at("hv-b1", "hv-b1.lab.test", "HV-B1.lab.test", 5986), at("hv-b1-old", "hv-b1-old.lab.test", "hv-b1.LAB.test", 5986)));
        assertThat(shared).containsOnlyKeys("hv-a1", "hv-a2", "hv-b1", "hv-b1-old");
        assertThat(shared.get("hv-a2")).contains("inventory entries hv-a1 and hv-a2 connect to the same address and port (192.0.2.12:5986)");
        assertThat(shared.get("hv-b1-old")).contains("hv-b1 and hv-b1-old");
    }
}
