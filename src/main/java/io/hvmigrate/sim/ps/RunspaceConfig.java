package io.hvmigrate.sim.ps;

import java.util.Map;
import java.util.Objects;

/**
 * Everything a script run needs from the simulated host: its commands, the host-side state cmdlets act on (handed to
 * them through {@link CommandContext#host}), its identity, environment variables and clock.
 *
 * @param commands     the host's cmdlets, aliases, native applications and types (built-ins are always there)
 * @param hostState    whatever the host's cmdlets need (e.g. the simulated host and the caller); may be null
 * @param computerName {@code $env:COMPUTERNAME}, {@code [Environment]::MachineName}
 * @param userName     {@code $env:USERNAME}
 * @param userDomain   {@code $env:USERDOMAIN}
 * @param environment  further environment variables ({@code $env:NAME}); names are case-insensitive
 * @param clock        what {@code Get-Date} and {@code Start-Sleep} use
 */
public record RunspaceConfig(CommandTable commands, Object hostState, String computerName, String userName,
                             String userDomain, Map<String, String> environment, ScriptClock clock) {

    public RunspaceConfig {
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(computerName, "computerName");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(clock, "clock");
    }

    /** A plain configuration for tests and tools: no host commands, wall-clock time. */
    public static RunspaceConfig of(CommandTable commands, Object hostState, String computerName) {
        return new RunspaceConfig(commands, hostState, computerName, "Administrator", "WORKGROUP", Map.of(),
                ScriptClock.system());
    }

    public RunspaceConfig withClock(ScriptClock newClock) {
        return new RunspaceConfig(commands, hostState, computerName, userName, userDomain, environment, newClock);
    }
}
