package io.hvmigrate.sim.world.cmdlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.PsRun;
import io.hvmigrate.sim.ps.RunspaceConfig;
import io.hvmigrate.sim.world.Caller;
import io.hvmigrate.sim.world.HostSession;
import io.hvmigrate.sim.world.ManualClock;
import io.hvmigrate.sim.world.World;
import io.hvmigrate.sim.world.fleet.FleetLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Get-ADDomain, Get-ADForest, Get-ADTrust, Get-ADUser, Get-ADComputer -Server and klist tgt on the lab fleet. */
class DomainAndTicketCmdletsTest {
    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    private final ManualClock clock = new ManualClock(T0);
    private final World world;

    DomainAndTicketCmdletsTest() throws Exception {
        world = new World(new FleetLoader().load(Path.of("config/fleets/lab.yaml")), clock);
    }

    private PsRun run(String host, String script) {
        CommandTable.Builder b = CommandTable.builder();
        var natives = WorldCommands.natives();
        WorldCommands.all().values().stream().filter(i -> !natives.containsKey(i.name().toLowerCase(java.util.Locale.ROOT)))
                .forEach(b::cmdlet);
        natives.forEach(b::nativeCommand);   // klist as the native program it is, as the fleet's hosts offer it
        // at the host's console: what the cmdlets return, not whether a WinRM session may reach the DC (SecondHopTest)
        return PsRun.run(RunspaceConfig.of(b.build(), new HostSession(world, host, Caller.interactive("LAB\\svc-hvmigrate")), host), script);
    }

    @Test
    void theDomainAndForestOfTheHostAndOfAnotherDomain() {
        PsRun r = run("HV-S1", "$d=Get-ADDomain;$d.DNSRoot;$d.NetBIOSName;$d.Forest;(Get-ADDomain -Server 'PARTNER').DNSRoot;"
                + "(Get-ADForest).RootDomain;@((Get-ADForest).Domains).Count");
        assertThat(r.errorMessages()).isEmpty();
        assertThat(r.strings()).containsExactly("lab.test", "LAB", "lab.test", "partner.test", "lab.test", "1");
    }

    @Test
    void trustsAsTheDomainHoldsThem() {
        PsRun r = run("HV-S1", "Get-ADTrust -Filter * | ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.Target,$_.Direction,$_.ForestTransitive,$_.TrustType,$_.TrustAttributes }");
        assertThat(r.errorMessages()).isEmpty();
        assertThat(r.strings()).containsExactly("partner.test|BiDirectional|True|Uplevel|8", "isolated.test|BiDirectional|False|Uplevel|4");

        PsRun isolated = run("HV-S1", "Get-ADTrust -Filter * -Server 'isolated.test' | ForEach-Object { $_.Target + '|' + $_.ForestTransitive }");
        assertThat(isolated.strings()).containsExactly("lab.test|False");
    }

    @Test
    void anAccountOfAnotherDomainIsFoundOnlyWithServer() {
        PsRun without = run("HV-S1", "Get-ADComputer -Identity 'HV-P1'");
        assertThat(without.errorMessages()).singleElement().asString()
                .isEqualTo("Cannot find an object with identity: 'HV-P1' under: 'DC=lab,DC=test'.");

        PsRun with = run("HV-S1", "(Get-ADComputer -Identity 'HV-P1' -Server 'partner.test' -Properties PrincipalsAllowedToDelegateToAccount).PrincipalsAllowedToDelegateToAccount");
        assertThat(with.errorMessages()).isEmpty();
        assertThat(with.strings()).containsExactly("LAB\\HV-S1$");

        PsRun nowhere = run("HV-S1", "Get-ADComputer -Identity 'HV-P1' -Server 'nowhere.test'");
        assertThat(nowhere.errorMessages()).singleElement().asString().startsWith("Unable to contact the server.");
    }

    @Test
    void sensitiveAndProtectedUsers() {
        PsRun r = run("HV-S1", "'svc-hvmigrate','admin-sensitive','ops-protected' | ForEach-Object { $u=Get-ADUser -Identity $_ -Properties AccountNotDelegated,MemberOf; '{0}|{1}|{2}' -f $u.SamAccountName,$u.AccountNotDelegated,(@($u.MemberOf) -join ';') }");
        assertThat(r.errorMessages()).isEmpty();
        assertThat(r.strings()).containsExactly("svc-hvmigrate|False|", "admin-sensitive|True|",
                "ops-protected|False|CN=Protected Users,CN=Users,DC=lab,DC=test");
    }

    @Test
    void klistTgtShowsWhenTheSystemTicketsWereIssuedAndWhenChangedFollowsWrites() {
        PsRun before = run("HV-S1", "klist -li 0x3e7 tgt");
        assertThat(before.strings()).contains("Cached TGT:", "ClientName         : HV-S1$", "DomainName         : LAB.TEST",
                "StartTime          : 1/5/2026 8:00:00 (local)", "EndTime            : 1/5/2026 8:15:00 (local)");
        PsRun changed0 = run("HV-S1", "(Get-ADComputer -Identity 'HV-S1' -Properties whenChanged).whenChanged.ToUniversalTime().ToString('o')");
        assertThat(changed0.strings()).singleElement().asString().startsWith("2026-01-04T08:00:00");

        clock.advance(Duration.ofMinutes(3));
        // a value HV-S1 does not hold yet (it holds cifs/HV-S2, and AD refuses to add a value that is there)
        assertThat(run("HV-S1", "Set-ADComputer -Identity 'HV-S1' -Add @{'msDS-AllowedToDelegateTo'=@('cifs/hv-s9')}")
                .errorMessages()).isEmpty();
        PsRun changed = run("HV-S1", "(Get-ADComputer -Identity 'HV-S1' -Properties whenChanged).whenChanged.ToUniversalTime().ToString('o')");
        assertThat(changed.strings()).singleElement().asString().startsWith("2026-01-05T08:03:00");

        clock.advance(Duration.ofMinutes(1));
        run("HV-S1", "klist purge -li 0x3e7");
        assertThat(run("HV-S1", "klist -li 0x3e7 tgt").strings()).contains("StartTime          : 1/5/2026 8:04:00 (local)");
        assertThat(List.of(run("HV-S1", "klist -li 0x3e6 tgt").errorMessages())).isNotEmpty();
    }
}
