package io.hvmigrate.sim.ps;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The commands and types one simulated host adds to PowerShell's built-ins: its cmdlets (e.g. the Hyper-V module),
 * aliases, native applications, and the .NET enum and exception types scripts may name ({@code [Microsoft.HyperV.
 * PowerShell.VMState]::Running}, {@code catch [Microsoft.HyperV.PowerShell.VirtualizationException]}). Names are
 * case-insensitive. Immutable; build one with {@link #builder()}.
 */
public final class CommandTable {
    private final Map<String, CmdletInfo> cmdlets;
    private final Map<String, String> aliases;
    private final Map<String, NativeCommand> natives;
    private final Map<String, PsEnum> enums;
    private final Map<String, String> exceptionBases;
    private final Map<String, String> exceptionNames;
    private final Map<String, String> objectTypes;

    private CommandTable(Builder b) {
        this.cmdlets = Map.copyOf(b.cmdlets);
        this.aliases = Map.copyOf(b.aliases);
        this.natives = Map.copyOf(b.natives);
        this.enums = Map.copyOf(b.enums);
        this.exceptionBases = Map.copyOf(b.exceptionBases);
        this.exceptionNames = Map.copyOf(b.exceptionNames);
        this.objectTypes = Map.copyOf(b.objectTypes);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static CommandTable empty() {
        return new Builder().build();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public Optional<CmdletInfo> cmdlet(String name) {
        return Optional.ofNullable(cmdlets.get(key(name)));
    }

    public Collection<CmdletInfo> cmdlets() {
        return cmdlets.values();
    }

    /** The command an alias stands for. */
    public Optional<String> alias(String name) {
        return Optional.ofNullable(aliases.get(key(name)));
    }

    /** A native application by name, with or without ".exe". */
    public Optional<NativeCommand> nativeCommand(String name) {
        String k = key(name);
        NativeCommand n = natives.get(k);
        if (n == null && k.endsWith(".exe")) {
            n = natives.get(k.substring(0, k.length() - 4));
        }
        return Optional.ofNullable(n);
    }

    public Optional<PsEnum> enumType(String fullName) {
        return Optional.ofNullable(enums.get(key(fullName)));
    }

    /** The base type of a registered exception type (its full name), or empty when the host did not register it. */
    public Optional<String> exceptionBase(String fullName) {
        return Optional.ofNullable(exceptionBases.get(key(fullName)));
    }

    /** The registered spelling of an exception type name. */
    public Optional<String> exceptionName(String fullName) {
        return Optional.ofNullable(exceptionNames.get(key(fullName)));
    }

    /** The canonical spelling of a registered object type name (e.g. for {@code -is [Microsoft...VirtualMachine]}). */
    public Optional<String> objectType(String fullName) {
        return Optional.ofNullable(objectTypes.get(key(fullName)));
    }

    public static final class Builder {
        private final Map<String, CmdletInfo> cmdlets = new LinkedHashMap<>();
        private final Map<String, String> aliases = new LinkedHashMap<>();
        private final Map<String, NativeCommand> natives = new LinkedHashMap<>();
        private final Map<String, PsEnum> enums = new LinkedHashMap<>();
        private final Map<String, String> exceptionBases = new LinkedHashMap<>();
        private final Map<String, String> exceptionNames = new LinkedHashMap<>();
        private final Map<String, String> objectTypes = new LinkedHashMap<>();

        private Builder() {}

        /** Adds a cmdlet; enum and object types of its parameters become known type names too. */
        public Builder cmdlet(CmdletInfo info) {
            cmdlets.put(key(info.name()), info);
            for (ParameterInfo p : info.parameters()) {
                registerType(p.type());
            }
            return this;
        }

        public Builder cmdlets(List<CmdletInfo> infos) {
            infos.forEach(this::cmdlet);
            return this;
        }

        private void registerType(PsType t) {
            switch (t) {
                case PsType.Enum e -> enumType(e.spec());
                case PsType.ObjectOf o -> objectType(o.fullName());
                case PsType.ArrayOf a -> registerType(a.element());
                case PsType.Simple s -> {
                }
            }
        }

        public Builder alias(String alias, String command) {
            aliases.put(key(alias), command);
            return this;
        }

        public Builder nativeCommand(String name, NativeCommand command) {
            natives.put(key(name), command);
            return this;
        }

        public Builder enumType(PsEnum type) {
            enums.put(key(type.fullName()), type);
            return this;
        }

        /** Makes an exception type known to {@code catch [T]} and {@code -is}, with its base type (full names). */
        public Builder exceptionType(String fullName, String baseFullName) {
            exceptionBases.put(key(fullName), baseFullName);
            exceptionNames.put(key(fullName), fullName);
            return this;
        }

        public Builder objectType(String fullName) {
            objectTypes.put(key(fullName), fullName);
            return this;
        }

        public CommandTable build() {
            return new CommandTable(this);
        }
    }
}
