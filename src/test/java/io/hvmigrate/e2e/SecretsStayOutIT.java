package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.cli.Main;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials never leave where they are kept: every command that touches the fleet runs with a known password (read
 * from a file, as the inventory says) and a known secret in the environment, and neither appears in anything hvmigrate
 * prints or writes — standard output and error of every command, journals, reports, facts snapshots.
 */
class SecretsStayOutIT {
    private static final String PASSWORD = "Zq7-known-test-secret-Xv9";
    private static final String ENV_SECRET = "Env-known-test-secret-3k2";

    @TempDir
    Path dir;

    @Test
    void noCommandPrintsOrWritesTheSecrets() throws Exception {
        try (SimFleet sim = SimFleet.start(Path.of("config/fleets/lab.yaml"),
                SimFleet.Options.defaults().withPassword(PASSWORD))) {
            LabFiles.Written files = LabFiles.write(sim, dir.resolve("lab"), LabFiles.serviceAccount(sim));
            Path runs = dir.resolve("runs");
            Map<String, String> env = Map.of("HOME", dir.toString(), "HVMIGRATE_WINRM_PASSWORD", ENV_SECRET,
                    "HVMIGRATE_LOG_LEVEL", "debug");
            String inv = files.inventory().toString();
            List<String[]> commands = List.of(
                    new String[] {"config", "show"},
                    new String[] {"discover", "-i", inv, "-O", dir.resolve("facts.yaml").toString()},
                    new String[] {"check", "playbooks/lab-tour.yaml", "-i", inv},
                    new String[] {"check", "playbooks/lab-misconfigured.yaml", "-i", inv, "-o", "json"},
                    new String[] {"run", "playbooks/lab-tour.yaml", "-i", inv},
                    new String[] {"run", "playbooks/lab-tour.yaml", "-i", inv, "-o", "json"},
                    new String[] {"status"},
                    new String[] {"status", "-o", "json"},
                    new String[] {"plan", "playbooks/lab-tour.yaml", "-i", inv, "--facts", dir.resolve("facts.yaml").toString()});
            StringBuilder all = new StringBuilder();
            for (String[] c : commands) {
                List<String> args = new ArrayList<>(List.of(c));
                args.addAll(List.of("--set", "runs.dir=" + runs));
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), env);
                assertThat(code).as(String.join(" ", c) + "\n" + out + err).isIn(0, 3);
                all.append(out).append(err);
            }
            assertThat(all.toString()).contains("lab-tour").doesNotContain(PASSWORD).doesNotContain(ENV_SECRET);
            List<Path> written;
            try (Stream<Path> s = Files.walk(dir)) {
                written = s.filter(Files::isRegularFile).filter(p -> !p.equals(files.passwordFile())).toList();
            }
            assertThat(written).anyMatch(p -> p.getFileName().toString().equals("journal.jsonl"))
                    .anyMatch(p -> p.getFileName().toString().equals("report.json"))
                    .anyMatch(p -> p.getFileName().toString().equals("facts.yaml"));
            for (Path p : written) {
                assertThat(read(p)).as(p.toString()).doesNotContain(PASSWORD).doesNotContain(ENV_SECRET);
            }
        }
    }

    private static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
