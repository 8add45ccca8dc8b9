package io.hvmigrate.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hvmigrate.plan.MoveJob;
import io.hvmigrate.plan.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path runs;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T22:00:00Z"), ZoneOffset.UTC);

    /** The recorded role keeps its own name and what a re-created role must be given again. */
    @Test
    void aRecordedRoleRoundTripsWithItsNameAndSettings() {
        MoveJob.Role r = new MoveJob.Role("SCVMM db01 Resources", "HV-A1", 3000, List.of("HV-A1", "HV-A2"), List.of("SQL"), 3L, 2L, 1);
        assertThat(JournalCodec.role(JournalCodec.role(r))).isEqualTo(r);
        MoveJob.Role planned = new MoveJob.Role("db01", null, 2000, List.of());
        assertThat(JournalCodec.role(JournalCodec.role(planned))).isEqualTo(planned);
    }

    @Test
    void recordsAreLinesOfJsonInAPrivateFile() throws Exception {
        Path dir = runs.resolve("r1");
        try (Journal j = Journal.open(dir, "r1", clock)) {
            var rec = j.record("step-start");
            rec.put("move", "m001");
            j.append(rec);
            j.append(j.record("run-end"));
        }
        Path f = dir.resolve(Journal.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        List<JsonNode> read = JournalReader.read(f);
        assertThat(read).hasSize(2);
        assertThat(read.get(0).path("ts").asText()).isEqualTo("2026-11-22T22:00:00Z");
        assertThat(read.get(0).path("run").asText()).isEqualTo("r1");
        assertThat(read.get(0).path("move").asText()).isEqualTo("m001");
    }

    @Test
    void aLastLineCutShortByACrashIsIgnoredButDamageElsewhereIsAnError() throws Exception {
        Path f = runs.resolve("j.jsonl");
        Files.writeString(f, "{\"type\":\"a\"}\n{\"type\":\"b\"}\n{\"type\":\"c\",\"mo", StandardCharsets.UTF_8);
        assertThat(JournalReader.read(f)).extracting(n -> n.path("type").asText()).containsExactly("a", "b");
        Files.writeString(f, "{\"type\":\"a\"}\n{\"ty\n{\"type\":\"c\"}\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JournalReader.read(f)).hasMessageContaining(":2: the journal is damaged");
    }

    @Test
    void aNewRunsJournalAppearsWithItsFirstRecordOrNotAtAll() throws Exception {
        Path dir = Journal.newRunDirectory(runs, "20261122T220000Z-wave");
        var start = Journal.record(clock, "r1", "run-start");
        start.put("playbook", "wave");
        try (Journal j = Journal.create(dir, "r1", clock, start)) {
            j.append(j.record("state"));
        }
        Path f = dir.resolve(Journal.FILE_NAME);
        assertThat(JournalReader.read(f)).extracting(n -> n.path("type").asText()).containsExactly("run-start", "state");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);   // no temporary file left behind
        }
        assertThatThrownBy(() -> Journal.create(dir, "r1", clock, start)).hasMessageContaining("exists already");
    }

    @Test
    void twoRunsStartedInTheSameSecondGetTheirOwnFolders() throws Exception {
        Path a = Journal.newRunDirectory(runs, "20261122T220000Z-wave");
        Path b = Journal.newRunDirectory(runs, "20261122T220000Z-wave");
        assertThat(a.getFileName()).hasToString("20261122T220000Z-wave");
        assertThat(b.getFileName()).hasToString("20261122T220000Z-wave-2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(b))).isEqualTo("rwx------");
    }

    @Test
    void reopeningAJournalCutsOffALineTornByACrashBeforeAppending() throws Exception {
        Path dir = runs.resolve("r1");
        Files.createDirectories(dir);
        Path f = dir.resolve(Journal.FILE_NAME);
        Files.writeString(f, "{\"type\":\"a\"}\n{\"type\":\"b\"}\n{\"type\":\"c\",\"mo", StandardCharsets.UTF_8);
        try (Journal j = Journal.open(dir, "r1", clock)) {
            j.append(j.record("run-resumed"));
        }
        assertThat(JournalReader.read(f)).extracting(n -> n.path("type").asText()).containsExactly("a", "b", "run-resumed");
        assertThat(Files.readString(f, StandardCharsets.UTF_8)).doesNotContain("\"mo");
    }

    @Test
    void movesSurviveTheRoundTrip() {
        MoveJob job = new MoveJob("m005", "2f1c6c39-6a27-4b5e-9b6e-0c2f3c9a0105", "db01", "hv-a1", "HV-A1", "CL-A", "hv-b1", "hv-b1.lab.test",
                "HV-B1", "CL-B", Scenario.S5, "C:\\ClusterStorage\\Volume1\\db01", new MoveJob.Role("db01", "HV-A1", 3000, List.of("HV-A1", "HV-A2")),
                3000, "db01", "Running", 32L << 30, 480L << 30);
        assertThat(JournalCodec.job(JournalCodec.job(job))).isEqualTo(job);
        MoveJob plain = new MoveJob("m001", "id", "x", "s1", "S1", null, "s2", "s2.lab.test", "S2", null, Scenario.S3, null, null, null, null,
                "Off", 1, 0);
        assertThat(JournalCodec.job(JournalCodec.job(plain))).isEqualTo(plain);
    }

    @Test
    void twoRunsCannotHoldTheSameHost() throws Exception {
        try (RunLock first = RunLock.acquire(runs, "run-a", List.of("hv-a1", "hv-b1"))) {
            assertThatThrownBy(() -> RunLock.acquire(runs, "run-b", List.of("HV-B1", "hv-s1"))).isInstanceOf(RunLock.Busy.class)
                    .hasMessageContaining("host hv-b1 is in use by run run-a");
            // the failed attempt took nothing: another host is still free
            try (RunLock other = RunLock.acquire(runs, "run-c", List.of("hv-s1"))) {
                assertThat(other).isNotNull();
            }
        }
        try (RunLock again = RunLock.acquire(runs, "run-b", List.of("hv-b1"))) {
            assertThat(again).isNotNull();
        }
    }
}
