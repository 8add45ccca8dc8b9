package io.hvmigrate.sim.world.cmdlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.PsRun;
import io.hvmigrate.sim.ps.RunspaceConfig;
import io.hvmigrate.sim.world.Caller;
import io.hvmigrate.sim.world.HostSession;
import io.hvmigrate.sim.world.ScaledClock;
import io.hvmigrate.sim.world.World;
import io.hvmigrate.sim.world.fleet.FleetLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A trust declared between two domains that are not forest roots' own: child.lab.test's external trust to
 * isolated.test (src/test/resources/fleets/child-external-trust.yaml). Get-ADTrust answers it from either side, with
 * the direction seen from the domain asked (WPD docset/winserver2022-ps/ActiveDirectory/Get-ADTrust.md: "The
 * Get-ADTrust cmdlet returns all trusted domain objects in the directory"); the forest root knows nothing of it.
 */
class ChildDomainTrustTest {
    private final ScaledClock clock = new ScaledClock(Instant.parse("2026-01-05T08:00:00Z"), 5000,
            Duration.ofMillis(2));
    private final World world;

    ChildDomainTrustTest() throws Exception {
        world = new World(new FleetLoader().load(Path.of("src/test/resources/fleets/child-external-trust.yaml")), clock);
    }

    @AfterEach
    void stopClock() {
        clock.close();
    }

    private PsRun run(String host, String script) {
        CommandTable.Builder b = CommandTable.builder();
        WorldCommands.all().values().forEach(b::cmdlet);
        // at the host's console: what the cmdlets return, not whether a WinRM session may reach the DC (SecondHopTest)
        return PsRun.run(RunspaceConfig.of(b.build(), new HostSession(world, host, Caller.interactive("LAB\\svc-hvmigrate")),
                host), script);
    }

    private static final String TRUSTS = "Get-ADTrust -Filter * @p | ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f "
            + "$_.Target,[int]$_.Direction,$_.ForestTransitive,$_.IntraForest,$_.TrustAttributes }";

    @Test
    void theChildDomainSeesItsExternalTrustAndItsParent() {
        PsRun r = run("HV-C1", "$p=@{};" + TRUSTS + ";(Get-ADDomain).Forest");
        assertThat(r.errorMessages()).isEmpty();
        // the external trust: BiDirectional (3), not forest-transitive, quarantined (TRUST_ATTRIBUTE_QUARANTINED_DOMAIN 0x4);
        // the parent-child trust AD creates with the child domain: within the forest (0x20), both ways
        assertThat(r.strings()).containsExactlyInAnyOrder("isolated.test|3|False|False|4", "lab.test|3|False|True|32",
                "lab.test");
    }

    @Test
    void theOtherSideSeesTheSameTrustNamingTheChild() {
        PsRun r = run("HV-I1", "$p=@{};" + TRUSTS);
        assertThat(r.errorMessages()).isEmpty();
        assertThat(r.strings()).containsExactly("child.lab.test|3|False|False|4");
        PsRun fromChild = run("HV-C1", "$p=@{Server='isolated.test'};" + TRUSTS);
        assertThat(fromChild.strings()).containsExactly("child.lab.test|3|False|False|4");
    }

    @Test
    void theForestRootHoldsOnlyItsTrustWithTheChild() {
        PsRun r = run("HV-R1", "$p=@{};" + TRUSTS);
        assertThat(r.errorMessages()).isEmpty();
        assertThat(r.strings()).containsExactly("child.lab.test|3|False|True|32");
    }
}
