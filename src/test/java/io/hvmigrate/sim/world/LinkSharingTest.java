package io.hvmigrate.sim.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.world.fleet.FleetLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The fluid model: migrations running at once on a host share its migration link (max-min fair shares), re-timed at
 * every event; the SMB and Compression performance options change what a link carries.
 */
class LinkSharingTest {

    /** The lab with twin VMs on HV-S1 whose files are on the FS1 share (memory-only moves), and a bigger one. */
    private static Lab lab() throws Exception {
        return lab("faults: []");
    }

    private static Lab lab(String faults) throws Exception {
        String yaml = java.nio.file.Files.readString(Lab.LAB_FILE).replace("\nfaults: []", """

                  - { name: twin-a, host: HV-S1, memoryStartupMB: 4096, dirtyMBps: 20, path: '\\\\FS1\\vmstore\\twin-a', switches: [LAN] }
                  - { name: twin-b, host: HV-S1, memoryStartupMB: 4096, dirtyMBps: 20, path: '\\\\FS1\\vmstore\\twin-b', switches: [LAN] }
                  - { name: big-c, host: HV-S1, memoryStartupMB: 12288, dirtyMBps: 20, path: '\\\\FS1\\vmstore\\big-c', switches: [LAN] }
                """ + faults).replace("fullControl: ['HV-S1$', 'HV-S2$']", "fullControl: ['HV-S1$', 'HV-S2$', 'HV-S3$']");
        Lab lab = new Lab(new FleetLoader().parse("twins.yaml", yaml));
        synchronized (lab.world) {
            for (String h : List.of("HV-S1", "HV-S2", "HV-S3")) {
                HostState s = lab.world.findHost(h).orElseThrow();
                s.linkGbps = 1;
                s.performance = MigrationPerformance.TCPIP;
                s.maxVmMigrations = 4;
            }
        }
        return lab;
    }

    private static UUID move(Lab lab, String vm, String to) throws WorldException {
        return lab.world.startMove(Lab.move(vm, "HV-S1", to, StorageMove.NONE));
    }

    private static Duration took(MigrationJobInfo j) {
        return Duration.between(j.startTime(), j.endTime());
    }

    private static final Duration FIXED = TimeModel.SETUP.plus(TimeModel.BLACKOUT);

    @Test
    void aMigrationBetweenIdleHostsTakesWhatItTakesAlone() throws Exception {
        Lab lab = lab();
        Duration alone = lab.world.migrationDuration("twin-a", "HV-S2", false);
        assertThat(took(lab.runToEnd(move(lab, "twin-a", "HV-S2")))).isEqualTo(alone);
    }

    @Test
    void twoMigrationsSharingTheirSourceEachTransferHalfAsFast() throws Exception {
        Lab lab = lab();
        Duration alone = lab.world.migrationDuration("twin-a", "HV-S2", false);
        UUID a = move(lab, "twin-a", "HV-S2");
        UUID b = move(lab, "twin-b", "HV-S3");
        MigrationJobInfo ja = lab.runToEnd(a);
        MigrationJobInfo jb = lab.runToEnd(b);
        // each transfers at half the link: the transfer takes twice as long; setup and blackout use no link
        Duration transferAlone = alone.minus(FIXED);
        for (MigrationJobInfo j : List.of(ja, jb)) {
            assertThat(took(j).minus(FIXED)).isBetween(transferAlone.multipliedBy(2), transferAlone.multipliedBy(2).plusNanos(10));
        }
        assertThat((double) took(ja).toNanos() / alone.toNanos()).as("about twice as long").isBetween(1.9, 2.0);
    }

    @Test
    void whenOneEndsTheOtherSpeedsUp() throws Exception {
        Lab lab = lab();
        long small = lab.world.migrationDuration("twin-a", "HV-S2", false).minus(FIXED).toNanos();
        long big = lab.world.migrationDuration("big-c", "HV-S3", false).minus(FIXED).toNanos();
        UUID a = move(lab, "twin-a", "HV-S2");
        UUID c = move(lab, "big-c", "HV-S3");
        lab.runToEnd(a);
        MigrationJobInfo jc = lab.runToEnd(c);
        // at half speed until twin-a's transfer ends (having done twin-a's worth), then the rest at full speed
        Duration expected = FIXED.plusNanos(small + big);
        assertThat(took(jc)).isBetween(expected, expected.plusNanos(10));
        Duration atItsStartingRate = FIXED.plusNanos(2 * big);
        assertThat(took(jc)).as("earlier than its rate at the start foretold").isLessThan(atItsStartingRate);
    }

    @Test
    void progressNeverGoesBackAndEndsAtAHundred() throws Exception {
        Lab lab = lab();
        UUID a = move(lab, "twin-a", "HV-S2");
        UUID c = move(lab, "big-c", "HV-S3");
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            seen.add(job(lab, c).percentComplete());
            if (i == 20) {
                move(lab, "twin-b", "HV-S2"); // a third joins halfway: everyone slows down, nobody goes back
            }
            lab.clock.advance(Duration.ofMillis(700));
        }
        assertThat(seen).isSorted().contains(100);
        assertThat(seen.stream().distinct().count()).as("it moved through many percentages").isGreaterThan(50);
        assertThat(job(lab, a).percentComplete()).isEqualTo(100);
    }

    @Test
    void aLongStepOfTheClockGivesWhatManyShortStepsGive() throws Exception {
        Lab stepped = lab();
        Lab leaped = lab();
        for (Lab lab : List.of(stepped, leaped)) {
            lab.world.setVmHost("HV-S1", HostSettings.NONE.withMaximumVirtualMachineMigrations(2));
            move(lab, "twin-a", "HV-S2");
            move(lab, "big-c", "HV-S3");
            move(lab, "twin-b", "HV-S3"); // queued behind the limit of 2, starts when twin-a ends
        }
        for (int i = 0; i < 2000; i++) {
            stepped.clock.advance(Duration.ofMillis(137));
        }
        leaped.clock.advance(Duration.ofMillis(137 * 2000));
        List<Instant> a = stepped.world.migrationHistory().stream().map(MigrationJobInfo::endTime).toList();
        List<Instant> b = leaped.world.migrationHistory().stream().map(MigrationJobInfo::endTime).toList();
        assertThat(a).doesNotContainNull().hasSize(3).isEqualTo(b);
        assertThat(stepped.world.migrationHistory().stream().map(MigrationJobInfo::startTime).toList())
                .isEqualTo(leaped.world.migrationHistory().stream().map(MigrationJobInfo::startTime).toList());
    }

    @Test
    void aScheduledCrashTakesEffectAtItsOwnTimeHoweverLongTheStep() throws Exception {
        String crash = "faults:\n  - { kind: hostCrash, host: HV-S3, afterSeconds: 20 }\n";
        Lab stepped = lab(crash);
        Lab leaped = lab(crash);
        for (Lab lab : List.of(stepped, leaped)) {
            move(lab, "twin-a", "HV-S2");
            move(lab, "twin-b", "HV-S3");
        }
        for (int i = 0; i < 300; i++) {
            stepped.clock.advance(Duration.ofSeconds(1));
        }
        leaped.clock.advance(Duration.ofSeconds(300));
        for (Lab lab : List.of(stepped, leaped)) {
            List<MigrationJobInfo> jobs = lab.world.migrationHistory();
            assertThat(jobs.get(1).jobState()).isEqualTo(10);
            assertThat(jobs.get(1).endTime()).isEqualTo(jobs.get(1).startTime().plusSeconds(20));
        }
        assertThat(leaped.world.migrationHistory().get(0).endTime()).as("twin-a had the link to itself from the crash on")
                .isEqualTo(stepped.world.migrationHistory().get(0).endTime());
    }

    @Test
    void aFailureAtAPercentageFailsAtThatShareOfTheWorkWhileSharing() throws Exception {
        Lab lab = lab();
        lab.world.injectMigrationFailure(new io.hvmigrate.sim.world.fleet.FaultSpec.MigrationFailure("twin-b", 60,
                "0x80072746", null, true));
        UUID a = move(lab, "twin-a", "HV-S2");
        UUID b = move(lab, "twin-b", "HV-S3");
        MigrationJobInfo jb = lab.runToEnd(b);
        assertThat(jb.jobState()).isEqualTo(10);
        assertThat(jb.percentComplete()).isEqualTo(60);
        MigrationJobInfo ja = lab.runToEnd(a);
        Duration alone = lab.world.migrationDuration("twin-a", "HV-S2", false);
        assertThat(took(ja)).as("slowed while twin-b ran, then alone").isGreaterThan(alone).isLessThan(alone.multipliedBy(2));
    }

    @Test
    void cancellingOneGivesItsShareBackAtOnce() throws Exception {
        Lab lab = lab();
        Duration alone = lab.world.migrationDuration("twin-a", "HV-S2", false);
        UUID a = move(lab, "twin-a", "HV-S2");
        UUID b = move(lab, "twin-b", "HV-S3");
        lab.clock.advance(TimeModel.SETUP.plusSeconds(10)); // 10 s of transfer at half speed: 5 s of twin-a's work
        assertThat(lab.world.requestJobStateChange("HV-S1", b, 4)).isZero();
        assertThat(took(lab.runToEnd(a))).isBetween(alone.plusSeconds(5), alone.plusSeconds(5).plusNanos(10));
    }

    @Test
    void aCrashedDestinationGivesItsShareOfTheSourceBack() throws Exception {
        Lab lab = lab();
        Duration alone = lab.world.migrationDuration("twin-a", "HV-S2", false);
        UUID a = move(lab, "twin-a", "HV-S2");
        move(lab, "twin-b", "HV-S3");
        lab.clock.advance(TimeModel.SETUP.plusSeconds(10));
        lab.world.crashHost("HV-S3");
        assertThat(took(lab.runToEnd(a))).isBetween(alone.plusSeconds(5), alone.plusSeconds(5).plusNanos(10));
    }

    @Test
    void maxMinFairnessGivesWhatABusyHostLeavesToTheOthers() throws Exception {
        // HV-S1 sends four, a quarter of its link each; dev-s2 goes from HV-S2 (which also receives two of them) to
        // HV-S3 (which also receives the two others): each of its hosts has half its link left for it, not a third
        Lab lab = lab();
        move(lab, "twin-a", "HV-S2");
        move(lab, "twin-b", "HV-S2");
        move(lab, "big-c", "HV-S3");
        move(lab, "file-s1", "HV-S3");
        UUID d = lab.world.startMove(Lab.shareNothing("dev-s2", "HV-S2", "HV-S3", "D:\\VMs\\dev-s2"));
        lab.clock.advance(TimeModel.SETUP.plusSeconds(3));
        synchronized (lab.world) {
            assertThat(lab.world.migration(d).speed).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(lab.world.migrations.stream().filter(m -> m.source.equals("HV-S1")).mapToDouble(m -> m.speed))
                    .hasSize(4).allSatisfy(s -> assertThat(s).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9)));
        }
    }

    @Test
    void smbCarriesOverEveryRdmaLinkAndCompressionHalvesMemoryBytes() throws Exception {
        Lab lab = lab();
        double tcp = lab.world.migrationWireMB("twin-a", "HV-S2", false);
        Duration tcpTime = lab.world.migrationDuration("twin-a", "HV-S2", false);
        synchronized (lab.world) {
            for (String h : List.of("HV-S1", "HV-S2")) {
                lab.world.findHost(h).orElseThrow().performance = MigrationPerformance.SMB;
            }
        }
        assertThat(lab.world.migrationDuration("twin-a", "HV-S2", false)).as("SMB without RDMA links: like TCPIP")
                .isEqualTo(tcpTime);
        synchronized (lab.world) {
            lab.world.findHost("HV-S1").orElseThrow().rdmaLinks = 2;
            lab.world.findHost("HV-S2").orElseThrow().rdmaLinks = 2;
        }
        assertThat(lab.world.migrationLinkMBps("HV-S1")).isEqualTo(2 * 125.0);
        assertThat(lab.world.migrationDuration("twin-a", "HV-S2", false).minus(FIXED).toNanos())
                .as("two links: half the transfer time, fewer dirty pages to copy again")
                .isLessThanOrEqualTo(tcpTime.minus(FIXED).toNanos() / 2);
        synchronized (lab.world) {
            lab.world.findHost("HV-S1").orElseThrow().performance = MigrationPerformance.Compression;
        }
        assertThat(lab.world.migrationLinkMBps("HV-S1")).as("compression goes over one link").isEqualTo(125.0);
        assertThat(lab.world.migrationWireMB("twin-a", "HV-S2", false)).isLessThan(tcp / 2 + 1);
        assertThat(lab.world.migrationWireMB("twin-a", "HV-S2", false)).isGreaterThan(4096 / 2.0);
    }

    private static MigrationJobInfo job(Lab lab, UUID id) throws WorldException {
        return lab.world.migrationHistory().stream().filter(j -> j.instanceId().equals(id)).findFirst().orElseThrow();
    }
}
