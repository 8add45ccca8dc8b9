package io.hvmigrate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.world.Caller;
import io.hvmigrate.sim.world.HostInfo;
import io.hvmigrate.sim.world.ManualClock;
import io.hvmigrate.sim.world.MigrationJobInfo;
import io.hvmigrate.sim.world.MoveVmRequest;
import io.hvmigrate.sim.world.StorageMove;
import io.hvmigrate.sim.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lower bound counts each host's shared migration link, and nothing the simulated fleet does beats it. */
class LowerBoundTest {
    private static final BenchFleet.Size SIZE = new BenchFleet.Size(6, 40, 3);

    @Test
    void withManySlotsAHostsLinkSetsTheBound() throws Exception {
        BenchFleet bench = BenchFleet.generate(SIZE).withMigrationLimit(8);
        World world = new World(bench.fleet(), new ManualClock());
        LowerBound bound = LowerBound.of(world, bench.wave());

        // per host: one setup and one blackout, and every MiB its migrations carry over its link at the link's rate
        Map<String, Double> wire = new HashMap<>();
        for (BenchFleet.Move m : bench.wave()) {
            double mb = world.migrationWireMB(m.vm(), m.destination(), m.movesStorage());
            for (String h : List.of(m.source(), m.destination())) {
                wire.merge(h.toLowerCase(Locale.ROOT), mb, Double::sum);
            }
        }
        Duration busiest = Duration.ZERO;
        for (HostInfo h : world.hosts()) {
            Double mb = wire.get(h.name().toLowerCase(Locale.ROOT));
            if (mb != null) {
                Duration link = World.migrationFixedTime().plusNanos((long) (mb / world.migrationLinkMBps(h.name()) * 1e9));
                busiest = link.compareTo(busiest) > 0 ? link : busiest;
            }
        }
        assertThat(bound.value()).isEqualTo(busiest);
        assertThat(bound.limitedBy()).contains("Gbps of links");
        Duration slots = bound.serialSum().dividedBy(8);
        assertThat(bound.value()).as("the link, not 8 slots, holds the wave back").isGreaterThan(slots);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8})
    void startingEveryMoveAtOnceNeverBeatsTheBound(int limit) throws Exception {
        BenchFleet bench = BenchFleet.generate(SIZE).withMigrationLimit(limit);
        ManualClock clock = new ManualClock();
        World world = new World(bench.fleet(), clock);
        LowerBound bound = LowerBound.of(world, bench.wave());
        Instant t0 = clock.now();
        Caller engine = Caller.network("BENCH\\svc-hvmigrate");
        for (BenchFleet.Move m : bench.wave()) {
            String cluster = world.vmHost(m.source()).cluster();
            if (cluster != null) {
                world.clusters().moveVirtualMachineRole(cluster, m.vm(), m.destination(), "Live");
            } else {
                world.startMove(new MoveVmRequest(m.vm(), null, m.source(), m.destination(),
                        m.movesStorage() ? new StorageMove.All(m.storagePath()) : StorageMove.NONE, engine));
            }
        }
        for (int i = 0; i < 100_000 && world.migrationHistory().stream().anyMatch(j -> !j.ended()); i++) {
            clock.advance(Duration.ofSeconds(5));
        }
        List<MigrationJobInfo> jobs = world.migrationHistory();
        assertThat(jobs).hasSize(bench.wave().size()).allSatisfy(j -> assertThat(j.jobState()).isEqualTo(7));
        Instant last = jobs.stream().map(MigrationJobInfo::endTime).max(Instant::compareTo).orElseThrow();
        Duration makespan = Duration.between(t0, last);
        assertThat(makespan).isGreaterThanOrEqualTo(bound.value());
        assertThat((double) makespan.toNanos() / bound.value().toNanos()).as("a greedy start is not far off either")
                .isLessThan(2.0);
    }
}
