package io.hvmigrate.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every engine setting hvmigrate knows. A key that is not here is an error wherever it is written. */
public final class SettingsCatalog {
    private final Map<String, Setting> settings = new LinkedHashMap<>();

    public SettingsCatalog(List<Setting> list) {
        list.forEach(s -> settings.put(s.key(), s));
    }

    public static SettingsCatalog standard() {
        return new SettingsCatalog(List.of(
                new Setting("inventory", "inventory file used when a command is given no -i", "", v -> null, false),
                new Setting("facts", "facts snapshot used by plan when it is given no --facts", "", v -> null, false),
                new Setting("output", "output format of commands: text (for people) or json (for schedulers)", "text", Setting.oneOf("text", "json"), false),
                new Setting("color", "colour in terminal output: auto (only on a terminal), always, never", "auto", Setting.oneOf("auto", "always", "never"), false),
                new Setting("log.level", "how much hvmigrate logs to standard error: error, warn, info, debug", "warn", Setting.oneOf("error", "warn", "info", "debug"), false),
                new Setting("runs.dir", "where runs keep their journals, reports and locks; default ~/.local/state/hvmigrate/runs", "", Setting.folder(), false),
                new Setting("winrm.operationTimeout", "how long one WS-Management Receive may wait on the host before asking again", "20s", Setting.duration(), false),
                new Setting("winrm.connectTimeout", "how long to wait for a TCP connection to a host", "10s", Setting.duration(), false),
                new Setting("directory.dns", "the DNS server (host[:port]) asked for the domain controllers (_ldap._tcp.dc._msdcs.<domain> SRV) "
                        + "when the inventory has no directory: block, or names only a domain; default: the system's", "",
                        v -> v.isEmpty() || v.matches("[A-Za-z0-9.:\\[\\]-]{1,255}") ? null : "'" + v + "' is not host[:port] | fix: write e.g. 192.0.2.53 or dns1.example.com:53", false),
                new Setting("step.timeout", "time limit of a step other than the migration itself", "3m", Setting.duration(), false),
                new Setting("migration.bandwidth", "expected live-migration throughput per move, for estimates and time limits until runs measure it (e.g. 1Gbps, 100MBps)", "1Gbps", Setting.bandwidth(), false),
                new Setting("progress.interval", "how often running migrations are polled for progress (one command per source host): a duration, "
                        + "or auto: every 2s while a person watches the live bars of a terminal, every 15s otherwise (piped, JSON, a scheduler's log)",
                        "auto", v -> "auto".equals(v) ? null : Setting.duration().apply(v), false),
                new Setting("log.file", "a file that also receives the run's plain output, each line time-stamped (run --log-file); none by default", "", v -> null, false),
                new Setting("log.fileMaxSize", "the log file's size at which it is rotated (FILE.1, FILE.2, ...)", "10MB",
                        v -> io.hvmigrate.load.Units.bytes(v) == null ? "'" + v + "' is not a size | fix: write a size such as 10MB" : null, false),
                new Setting("log.fileKeep", "how many rotated log files are kept", "5",
                        v -> v.matches("\\d{1,3}") ? null : "'" + v + "' is not a count | fix: write a number such as 5", false),
                new Setting("run.onFinish", "a command run when a run ends (run --on-finish), with HVMIGRATE_EXIT_CODE, HVMIGRATE_REPORT, HVMIGRATE_RUN_ID and HVMIGRATE_OUTCOME in its environment", "", v -> null, false),
                new Setting("report.progressEvery", "how often plain (piped) output prints each running move's progress", "30s", Setting.duration(), false),
                new Setting("report.stallAfter", "how long a migration's progress may stand still before hvmigrate warns of it", "5m", Setting.duration(), false),
                new Setting("window.wait", "before the playbook's window opens: true waits for it, false exits 7 at once (run --no-wait)", "true", Setting.oneOf("true", "false"), false),
                new Setting("window.lead", "how long before the window opens discovery and preflight start, so the first move can start at the opening", "2m", Setting.duration(), false),

                new Setting("stop.grace", "after a stop (Ctrl-C, SIGTERM, SIGHUP), how long running moves may take to finish before they are cancelled",
                        "10m", Setting.duration(), false)));
    }

    public Optional<Setting> get(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    public List<Setting> all() {
        return List.copyOf(settings.values());
    }

    public List<String> keys() {
        return List.copyOf(settings.keySet());
    }

    /** The setting an environment variable name refers to, matched without regard to case and separators. */
    public Optional<Setting> byEnvironmentVariable(String name) {
        return settings.values().stream().filter(s -> s.environmentVariable().equalsIgnoreCase(name)).findFirst();
    }
}
