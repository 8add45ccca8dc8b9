package io.hvmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.bench.ScaleFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planning and checking grow with the fleet, not with its square: counted in names keyed and compared (a scan in a
 * loop shows as fourfold growth when the fleet doubles, an index look-up as one operation), never in time, which this
 * machine's load would make noisy.
 */
class PlanScaleTest {

    @TempDir
    Path dir;

    @Test
    void doublingTheFleetAboutDoublesTheWorkOfLoadingPlanningAndChecking() throws Exception {
        BenchPlanCommand.Row small = measure(new ScaleFiles.Size(100, 1000), "s", false);
        BenchPlanCommand.Row medium = measure(new ScaleFiles.Size(200, 2000), "m", false);
        BenchPlanCommand.Row large = measure(new ScaleFiles.Size(400, 4000), "l", false);

        assertThat(medium.moves()).isEqualTo(2 * small.moves());
        assertThat(large.moves()).isEqualTo(2 * medium.moves());
        double first = (double) medium.operations() / small.operations();
        double second = (double) large.operations() / medium.operations();
        assertThat(first).as("work x%.2f for 100 -> 200 hosts", first).isBetween(1.5, 2.5);
        assertThat(second).as("work x%.2f for 200 -> 400 hosts", second).isBetween(1.5, 2.5);
    }

    @Test
    void factsAsJsonAreLoadedAsLinearlyAsYaml() throws Exception {
        BenchPlanCommand.Row small = measure(new ScaleFiles.Size(100, 1000), "js", true);
        BenchPlanCommand.Row large = measure(new ScaleFiles.Size(200, 2000), "jl", true);

        assertThat((double) large.operations() / small.operations()).isBetween(1.5, 2.5);
    }

    private BenchPlanCommand.Row measure(ScaleFiles.Size size, String name, boolean json) throws Exception {
        return BenchPlanCommand.measure(size, dir.resolve(name), json, (moves, findings, millis) -> { });
    }
}
