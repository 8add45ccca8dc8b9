package io.hvmigrate.sim.world;

import io.hvmigrate.sim.world.fleet.Fleet;
import io.hvmigrate.sim.world.fleet.FleetLoadException;
import io.hvmigrate.sim.world.fleet.FleetLoader;
import java.nio.file.Path;

/** The lab fleet on a manual clock, and helpers the world tests share. */
final class Lab {
    static final Path LAB_FILE = Path.of("config/fleets/lab.yaml");
    static final Caller ENGINE = Caller.network("LAB\\svc-hvmigrate");

    final ManualClock clock = new ManualClock();
    final World world;

    Lab() {
        this(lab());
    }

    Lab(Fleet fleet) {
        this.world = new World(fleet, clock);
    }

    static Fleet lab() {
        try {
            return new FleetLoader().load(LAB_FILE);
        } catch (FleetLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    static MoveVmRequest move(String vm, String source, String destination, StorageMove storage) {
        return new MoveVmRequest(vm, null, source, destination, storage, ENGINE);
    }

    static MoveVmRequest shareNothing(String vm, String source, String destination, String path) {
        return move(vm, source, destination, new StorageMove.All(path));
    }

    /** Runs simulated time on until the migration ended (bounded), and returns its job. */
    MigrationJobInfo runToEnd(java.util.UUID job) {
        for (int i = 0; i < 10_000; i++) {
            MigrationJobInfo j = jobsOf(jobSource(job)).stream()
                    .filter(x -> x.instanceId().equals(job)).findFirst().orElseThrow();
            if (j.ended()) {
                return j;
            }
            clock.advance(java.time.Duration.ofSeconds(1));
        }
        throw new AssertionError("migration did not end within 10000 simulated seconds");
    }

    private java.util.List<MigrationJobInfo> jobsOf(String host) {
        try {
            return world.migrationJobs(host);
        } catch (WorldException e) {
            throw new IllegalStateException(e);
        }
    }

    private String jobSource(java.util.UUID job) {
        synchronized (world) {
            return world.migration(job).source;
        }
    }

    /** Starts a move and runs it to the end; returns the failure, if any. */
    java.util.Optional<WorldException> moveAndWait(MoveVmRequest r) throws WorldException {
        java.util.UUID job = world.startMove(r);
        runToEnd(job);
        return world.migrationFailure(job);
    }
}
