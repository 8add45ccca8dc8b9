package io.hvmigrate.cli;

import io.hvmigrate.directory.Directories;
import io.hvmigrate.directory.DirectoryBackend;
import io.hvmigrate.engine.HostConnections;
import io.hvmigrate.engine.MoveExecutor;
import io.hvmigrate.engine.RunEvents;
import io.hvmigrate.engine.RunService;
import io.hvmigrate.load.Units;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.settings.EngineSettings;
import io.hvmigrate.settings.Setting;
import io.hvmigrate.transport.Secrets;
import io.hvmigrate.transport.WinRmTransport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Builds the engine for one command from the settings: transport, connections, run service. Closes them after. */
final class EngineSetup implements AutoCloseable {
    final WinRmTransport transport;
    final HostConnections hosts;
    final RunService service;
    final Path runsDir;
    final DirectoryBackend directory;
    final Duration stepTimeout;

    EngineSetup(Inventory inventory, EngineSettings settings, Map<String, String> env, RunEvents events, PrintWriter err, boolean skipRefused) {
        Secrets secrets = new Secrets(env, w -> err.println("hvmigrate: warning: " + w));
        try {
            transport = new WinRmTransport(inventory, secrets, transportSettings(settings));
        } catch (IOException | GeneralSecurityException e) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "cannot set up TLS: " + e.getMessage() + " (check tls.caFile in " + inventory.file() + ")");
        }
        transport.warnings().forEach(w -> err.println("hvmigrate: WARNING: " + w));
        err.flush();
        hosts = new HostConnections(transport, inventory, HostConnections.Settings.DEFAULT);
        runsDir = runsDir(settings, env);
        Duration step = Units.duration(settings.get("step.timeout"));
        stepTimeout = step;
        // only live bars need progress often; everything else reads it far less often
        io.hvmigrate.settings.ProgressInterval every = io.hvmigrate.settings.ProgressInterval.of(settings.get("progress.interval"),
                Runs.liveBars(settings));
        MoveExecutor.Limits limits = new MoveExecutor.Limits(step, Duration.ofMinutes(10), Setting.bytesPerSecond(settings.get("migration.bandwidth")),
                4.0, every.polls(), every.progress());
        directory = Directories.of(inventory, hosts, secrets, step, settings.get("directory.dns"));
        service = new RunService(inventory, hosts, Clock.systemUTC(), events, new RunService.Options(runsDir, skipRefused, limits,
                Boolean.parseBoolean(settings.get("window.wait")), Units.duration(settings.get("window.lead"))), directory);
    }

    /** The transport's time limits, as the settings give them. */
    static WinRmTransport.Settings transportSettings(EngineSettings settings) {
        return new WinRmTransport.Settings(Units.duration(settings.get("winrm.operationTimeout")),
                Units.duration(settings.get("winrm.connectTimeout")));
    }

    static Path runsDir(EngineSettings settings, Map<String, String> env) {
        String configured = settings.get("runs.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String state = env.get("XDG_STATE_HOME");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return state != null && !state.isBlank() ? Path.of(state, "hvmigrate", "runs") : Path.of(home, ".local", "state", "hvmigrate", "runs");
    }

    @Override
    public void close() {
        directory.close();
        hosts.close();
        transport.close();
    }
}
