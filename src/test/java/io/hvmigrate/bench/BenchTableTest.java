package io.hvmigrate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench table gives a verdict only when the machine was quiet enough for wall-clock ratios to mean something. */
class BenchTableTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private static String print(double load) {
        LowerBound bound = new LowerBound(Duration.ofSeconds(100), "hv-01", Map.of("m1", Duration.ofSeconds(100)));
        Bench.Report report = new Bench.Report(new BenchFleet.Size(6, 10, 1), 50, 10, "S3 10", bound, List.of(
                new Bench.Row("engine", Duration.ofSeconds(105), Duration.ofSeconds(3), 30, 10, List.of(), 0.5, load),
                new Bench.Row("sequential", Duration.ofSeconds(500), Duration.ofSeconds(11), 30, 10, List.of(), load, 0.5)));
        StringWriter out = new StringWriter();
        BenchTable.print(report, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void aQuietRunGetsItsVerdictWithTheLoadNextToEachRatio() {
        String table = print(CORES * 0.5);
        assertThat(table).contains("LOAD", String.format(java.util.Locale.ROOT, "0.50-%.2f", CORES * 0.5))
                .contains("target: engine within").doesNotContain("noisy");
        assertThat(table).as("the sequential makespan over the bound caps any speed-up")
                .contains("faster than sequential: met (4.8x; the lower bound allows at most 5.0x)");
    }

    @Test
    void aRunBusierThanItsCoresSaysNoisyAndGivesNoVerdict() {
        String table = print(CORES + 1.5);
        assertThat(table).contains("verdict: noisy", "rerun").doesNotContain("target: engine");
    }

    @Test
    void thePerHostLimitSweepPutsEachLimitBesideWindowsDefault() {
        LowerBound linkBound = new LowerBound(Duration.ofSeconds(100), "HV-S2: its link", Map.of("m1", Duration.ofSeconds(60)));
        LowerBound slotBound = new LowerBound(Duration.ofSeconds(120), "HV-S2: its slots", Map.of("m1", Duration.ofSeconds(60)));
        Bench.LimitsReport report = new Bench.LimitsReport(new BenchFleet.Size(6, 10, 1), 50, 10, List.of(
                new Bench.LimitRow(1, slotBound, new Bench.Row("engine, limit 1", Duration.ofSeconds(150), Duration.ofSeconds(3), 40, 10,
                        List.of(), 0.5, 0.5), Duration.ofSeconds(90), Duration.ofSeconds(150)),
                new Bench.LimitRow(2, linkBound, new Bench.Row("engine, limit 2", Duration.ofSeconds(120), Duration.ofSeconds(3), 40, 10,
                        List.of(), 0.5, 0.5), Duration.ofSeconds(60), Duration.ofSeconds(120))));
        StringWriter out = new StringWriter();
        BenchTable.printLimits(report, new PrintWriter(out));
        String[] lines = out.toString().split("\n");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("x LIMIT 2", "MEMORY-ONLY"));
        assertThat(lines).anySatisfy(l -> assertThat(l.split(" +")).startsWith("1", "2:00", "2:30", "1.25", "1.25", "1:30", "2:30"));
        assertThat(lines).anySatisfy(l -> assertThat(l.split(" +")).startsWith("2", "1:40", "2:00", "1.20", "1.00", "1:00", "2:00"));
        assertThat(out.toString()).contains("lower bound at 1: set by HV-S2: its slots").doesNotContain("noisy");
    }
}
