package io.hvmigrate.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.load.FactsFormat;
import io.hvmigrate.load.InventoryFormat;
import io.hvmigrate.load.PlaybookFormat;
import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Names;
import io.hvmigrate.model.Playbook;
import io.hvmigrate.plan.Planner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks issue 5 adds (vm.media, vm.storage, delegation.cross-domain, delegation.sensitive,
 * delegation.stale-tickets), on the small test fleet's facts.
 */
class PreflightGapsTest {
    private static final Path FLEET = Path.of("src/test/resources/fleet");
    private static final Facts FACTS = FactsFormat.load(FLEET.resolve("facts.yaml"));
    private static final Inventory INVENTORY = InventoryFormat.load(FLEET.resolve("inventory.yaml"));
    private static final long GB = 1024L * 1024 * 1024;

    @TempDir
    Path dir;

    private List<Finding> check(Facts facts, String moves) throws Exception {
        return check(facts, "", moves);
    }

    private List<Finding> check(Facts facts, String policy, String moves) throws Exception {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, "name: t\n" + policy + "moves:\n" + moves);
        Playbook pb = PlaybookFormat.load(f, INVENTORY);
        return new Preflight(facts, pb.policy()).check(new Planner(INVENTORY, facts).plan(pb)).findings();
    }

    private static List<Finding> withId(List<Finding> all, String id) {
        return all.stream().filter(x -> x.id().equals(id)).toList();
    }

    private static Facts vm(Facts f, String name, UnaryOperator<Facts.VmFacts> change) {
        List<Facts.VmFacts> vms = f.vms().stream().map(v -> v.name().equals(name) ? change.apply(v) : v).toList();
        return new Facts(f.collectedAt(), f.hosts(), f.clusters(), f.fileServers(), vms, f.directory());
    }

    private static Facts iso(Facts f, String vmName, String iso) {
        return vm(f, vmName, v -> new Facts.VmFacts(v.name(), v.id(), v.host(), v.state(), v.group(), v.version(), v.generation(),
                v.memoryBytes(), v.path(), v.disks(), v.switches(), List.of(iso)));
    }

    private static Facts freeOn(Facts f, String host, String volume, long free) {
        List<Facts.HostFacts> hosts = f.hosts().stream().map(h -> !Names.same(h.name(), host) ? h
                : new Facts.HostFacts(h.name(), h.fqdn(), h.netbios(), h.domain(), h.os(), h.cluster(), h.nodeState(),
                h.migration(), h.migrationNetworks(), h.addresses(), h.switches(), h.processor(), h.supportedVersions(),
                h.memory(), List.of(new Facts.Volume(volume, free)), h.credentialGuard(), h.virtualMachinePath())).toList();
        return new Facts(f.collectedAt(), hosts, f.clusters(), f.fileServers(), f.vms(), f.directory());
    }

    private static Facts accounts(Facts f, Facts.ComputerAccount... accounts) {
        Facts.DirectoryFacts d = f.directory();
        return new Facts(f.collectedAt(), f.hosts(), f.clusters(), f.fileServers(), f.vms(),
                new Facts.DirectoryFacts(d.domains(), d.trusts(), List.of(accounts)));
    }

    private static Facts.ComputerAccount account(String host, List<String> delegateTo, List<String> rbcd) {
        return new Facts.ComputerAccount(host, host.toUpperCase() + "$", List.of(), delegateTo, true, false, rbcd);
    }

    @Test
    void anIsoOnTheSourcesLocalDriveBlocksTheMoveAndTheFixEjectsIt() throws Exception {
        List<Finding> f = check(iso(FACTS, "localvm", "D:\\ISO\\tools.iso"), "  - { vm: localvm, to: s2, storagePath: 'D:\\VMs\\localvm' }\n");

        assertThat(withId(f, "vm.media")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.BLOCKING);
            assertThat(x.host()).isEqualTo("s1");
            assertThat(x.evidence()).singleElement().asString().contains("D:\\ISO\\tools.iso", "a local drive of s1");
            assertThat(x.fix()).isEqualTo("Set-VMDvdDrive -ComputerName 'S1' -VMName 'localvm' -Path $null");
        });
    }

    @Test
    void anIsoOnAShareTheDestinationReachesIsNoObstacle() throws Exception {
        List<Finding> f = check(iso(FACTS, "localvm", "\\\\sofs\\shared\\iso\\tools.iso"),
                "  - { vm: localvm, to: s2, storagePath: 'D:\\VMs\\localvm' }\n");

        assertThat(withId(f, "vm.media")).isEmpty();
    }

    @Test
    void anIsoOnAShareTheDestinationCannotUseBlocks() throws Exception {
        List<Finding> f = check(iso(FACTS, "localvm", "\\\\fs\\s1only\\tools.iso"),
                "  - { vm: localvm, to: s2, storagePath: 'D:\\VMs\\localvm' }\n");

        assertThat(withId(f, "vm.media")).singleElement().satisfies(x ->
                assertThat(x.evidence().getFirst()).contains("gives s2 no Full Control"));
    }

    @Test
    void aDestinationVolumeWithoutRoomForTheDisksBlocksAStorageMove() throws Exception {
        String move = "  - { vm: localvm, to: s2, storagePath: 'D:\\VMs\\localvm' }\n";   // 50 GB of disks

        List<Finding> tight = check(freeOn(FACTS, "s2", "D:\\", 20 * GB), move);
        List<Finding> roomy = check(freeOn(FACTS, "s2", "D:\\", 200 * GB), move);

        assertThat(withId(tight, "vm.storage")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.BLOCKING);
            assertThat(x.host()).isEqualTo("s2");
            assertThat(x.message()).contains("20.0 GiB free", "50.0 GiB");
        });
        assertThat(withId(roomy, "vm.storage")).isEmpty();
    }

    @Test
    void movesOntoTheSameVolumeAddUp() throws Exception {
        Facts f = freeOn(FACTS, "s1", "D:\\", 60 * GB);
        f = vm(f, "small1", v -> new Facts.VmFacts(v.name(), v.id(), v.host(), v.state(), v.group(), v.version(), v.generation(),
                v.memoryBytes(), v.path(), List.of(new Facts.Disk("D:\\VMs\\small1\\d.vhdx", 40 * GB)), v.switches(), v.isoPaths()));
        f = vm(f, "small2", v -> new Facts.VmFacts(v.name(), v.id(), v.host(), v.state(), v.group(), v.version(), v.generation(),
                v.memoryBytes(), v.path(), List.of(new Facts.Disk("D:\\VMs\\small2\\d.vhdx", 40 * GB)), v.switches(), v.isoPaths()));

        List<Finding> out = check(f, "  - { vm: small1, to: s1, storagePath: 'D:\\VMs\\small1' }\n"
                + "  - { vm: small2, to: s1, storagePath: 'D:\\VMs\\small2' }\n");

        List<Finding> storage = withId(out, "vm.storage");
        assertThat(storage).hasSize(1);
        assertThat(storage.getFirst().evidence()).anySatisfy(e -> assertThat(e).contains("earlier moves", "40.0 GiB"));
    }

    @Test
    void aCrossDomainMoveNeedsResourceBasedDelegationOnTheDestination() throws Exception {
        String move = "  - { vm: localvm, to: s3, storagePath: 'D:\\VMs\\localvm' }\n";   // s1 (lab.test) -> s3 (branch.lab.test)
        List<String> classic = new ArrayList<>(List.of("Microsoft Virtual System Migration Service/s3.branch.lab.test",
                "cifs/s3.branch.lab.test"));

        List<Finding> without = check(accounts(FACTS, account("s1", classic, List.of()), account("s3", List.of(), List.of())), move);
        List<Finding> with = check(accounts(FACTS, account("s1", List.of(), List.of()),
                account("s3", List.of(), List.of("CN=S1,CN=Computers,DC=lab,DC=test"))), move);

        assertThat(withId(without, "delegation.cross-domain")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.BLOCKING);
            assertThat(x.fix()).contains("--mode resource-based");
            assertThat(x.evidence().getFirst()).contains("msDS-AllowedToActOnBehalfOfOtherIdentity = (empty)");
        });
        assertThat(with).filteredOn(x -> x.id().startsWith("delegation.")).isEmpty();
    }

    private static Facts directory(Facts f, List<Facts.ComputerAccount> accounts, List<Facts.UserAccount> users,
                                   List<Facts.SystemTicket> tickets) {
        Facts.DirectoryFacts d = f.directory();
        return new Facts(f.collectedAt(), f.hosts(), f.clusters(), f.fileServers(), f.vms(),
                new Facts.DirectoryFacts(d.domains(), d.trusts(), accounts, users, tickets));
    }

    private static final String LOCAL_MOVE = "  - { vm: localvm, to: s2, storagePath: 'D:\\VMs\\localvm' }\n";

    @Test
    void anEngineAccountThatCannotBeDelegatedBlocksWithItsFix() throws Exception {
        List<Facts.ComputerAccount> accts = List.of(account("s1", List.of(), List.of()), account("s2", List.of(), List.of()));
        Facts.UserAccount sensitive = new Facts.UserAccount("LAB\\admin-sensitive", "admin-sensitive", "LAB", List.of("s1", "s2"), true, List.of());
        Facts.UserAccount isProtected = new Facts.UserAccount("LAB\\ops", "ops", "LAB", List.of("s1", "s2"), false,
                List.of("CN=Protected Users,CN=Users,DC=lab,DC=test"));
        Facts.UserAccount fine = new Facts.UserAccount("LAB\\svc", "svc", "LAB", List.of("s1", "s2"), false,
                List.of("CN=Hyper-V Administrators,CN=Builtin,DC=lab,DC=test"));

        List<Finding> a = check(directory(FACTS, accts, List.of(sensitive), List.of()), LOCAL_MOVE);
        List<Finding> b = check(directory(FACTS, accts, List.of(isProtected), List.of()), LOCAL_MOVE);
        List<Finding> c = check(directory(FACTS, accts, List.of(fine), List.of()), LOCAL_MOVE);

        assertThat(withId(a, "delegation.sensitive")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.BLOCKING);
            assertThat(x.host()).isEqualTo("s1");
            assertThat(x.evidence()).singleElement().asString().contains("AccountNotDelegated = True");
            assertThat(x.fix()).contains("Set-ADAccountControl -Identity 'admin-sensitive' -AccountNotDelegated $false");
        });
        assertThat(withId(b, "delegation.sensitive")).singleElement().satisfies(x ->
                assertThat(x.fix()).contains("Remove-ADGroupMember -Identity 'Protected Users' -Members 'ops'"));
        assertThat(withId(c, "delegation.sensitive")).isEmpty();
    }

    @Test
    void anAccountChangedAfterTheSourcesTgtWasIssuedWarnsUntilTheTicketsAreNewer() throws Exception {
        java.time.Instant changed = java.time.Instant.parse("2026-03-06T18:10:00Z");
        List<Facts.ComputerAccount> accts = List.of(new Facts.ComputerAccount("s1", "S1$", List.of(), List.of(), true, false, List.of(), changed),
                account("s2", List.of(), List.of()));
        Facts.SystemTicket older = new Facts.SystemTicket("s1", java.time.Instant.parse("2026-03-06T18:07:09Z"), java.time.Instant.parse("2026-03-07T04:07:09Z"));
        Facts.SystemTicket newer = new Facts.SystemTicket("s1", java.time.Instant.parse("2026-03-06T18:12:00Z"), java.time.Instant.parse("2026-03-07T04:12:00Z"));

        List<Finding> stale = check(directory(FACTS, accts, List.of(), List.of(older)), LOCAL_MOVE);
        List<Finding> fresh = check(directory(FACTS, accts, List.of(), List.of(newer)), LOCAL_MOVE);
        List<Finding> unknown = check(directory(FACTS, accts, List.of(), List.of()), LOCAL_MOVE);

        assertThat(withId(stale, "delegation.stale-tickets")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(x.host()).isEqualTo("s1");
            assertThat(x.evidence()).containsExactly("directory: S1$ whenChanged = 2026-03-06 18:10:00 UTC",
                    "s1: klist -li 0x3e7 tgt StartTime = 2026-03-06 18:07:09 UTC");
            assertThat(x.fix()).contains("klist purge -li 0x3e7", "hvmigrate delegation apply");
        });
        assertThat(withId(fresh, "delegation.stale-tickets")).isEmpty();
        assertThat(withId(unknown, "delegation.stale-tickets")).isEmpty();
        assertThat(withId(stale, "delegation.stale-tickets").getFirst().message()).contains("run purges them (klist purge -li 0x3e7)");

        // policy.purgeStaleTickets: false: run would not purge, so each of the source's moves is blocked, with the fix
        List<Finding> kept = check(directory(FACTS, accts, List.of(), List.of(older)), "policy: { purgeStaleTickets: false }\n", LOCAL_MOVE);
        assertThat(withId(kept, "delegation.stale-tickets")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.BLOCKING);
            assertThat(x.move()).isEqualTo("m001");
            assertThat(x.message()).contains("0x8009030D", "policy.purgeStaleTickets is false");
            assertThat(x.fix()).isEqualTo("on s1: klist purge -li 0x3e7 (Invoke-Command -ComputerName s1 { klist purge -li 0x3e7 }), "
                    + "or hvmigrate delegation apply, which purges");
        });
    }

    @Test
    void aMoveBetweenHostsIsRefusedWhenTheDirectoryCouldNotBeRead() throws Exception {
        List<Finding> unread = check(accounts(FACTS), LOCAL_MOVE);
        assertThat(withId(unread, "delegation.unknown")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.BLOCKING);
            assertThat(x.fix()).contains("over LDAP from its own host", "_ldap._tcp.dc._msdcs.<domain>", "directory.dns", "directory: {via: HOST}");
        });
        List<Finding> read = check(accounts(FACTS, account("s1", List.of("Microsoft Virtual System Migration Service/s2.lab.test"), List.of())),
                LOCAL_MOVE);
        assertThat(withId(read, "delegation.unknown")).isEmpty();
    }
}
