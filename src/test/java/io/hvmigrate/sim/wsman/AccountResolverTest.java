package io.hvmigrate.sim.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.wsman.auth.Account;
import io.hvmigrate.sim.wsman.auth.AccountStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountResolverTest {

    private final AccountResolver accounts = new AccountResolver(HostIdentity.of("hv1.lab.test"), AccountStore.of(Map.of(
            "LAB\\alice", "a", "HV1\\Administrator", "b", "OTHER\\bob", "c")));

    @Test
    void resolvesTheFormsAClientMayType() {
        assertThat(accounts.find("LAB", "alice")).map(Account::name).hasValue("LAB\\alice");
        assertThat(accounts.find("lab.test", "Alice")).map(Account::name).hasValue("LAB\\alice");
        assertThat(accounts.find("", "alice@lab.test")).map(Account::name).hasValue("LAB\\alice");
        assertThat(accounts.find("", "LAB\\alice")).map(Account::name).hasValue("LAB\\alice");
        assertThat(accounts.find("", "alice")).as("an empty domain falls back to the host's domain")
                .map(Account::name).hasValue("LAB\\alice");
        assertThat(accounts.find("OTHER", "bob")).map(Account::name).hasValue("OTHER\\bob");
    }

    @Test
    void theLocalComputerHasSeveralNames() {
        assertThat(accounts.find("", "Administrator")).map(Account::name).hasValue("HV1\\Administrator");
        assertThat(accounts.find(".", "administrator")).map(Account::name).hasValue("HV1\\Administrator");
        assertThat(accounts.find("hv1.lab.test", "Administrator")).map(Account::name).hasValue("HV1\\Administrator");
        assertThat(accounts.find("", ".\\Administrator")).map(Account::name).hasValue("HV1\\Administrator");
        assertThat(accounts.isLocal(accounts.find("", "Administrator").orElseThrow())).isTrue();
        assertThat(accounts.isLocal(accounts.find("LAB", "alice").orElseThrow())).isFalse();
    }

    @Test
    void unknownNamesResolveToNothing() {
        assertThat(accounts.find("LAB", "mallory")).isEmpty();
        assertThat(accounts.find("HV2", "Administrator")).isEmpty();
        assertThat(accounts.find("", "")).isEmpty();
    }
}
