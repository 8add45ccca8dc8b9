package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.world.HostSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A test-only stand-in for the interpreter: binds named arguments to a cmdlet as declared (refusing parameters the
 * cmdlet does not declare in the chosen set, and missing mandatory ones), runs it once, and keeps what it wrote.
 */
final class CommandRun implements CommandContext {
    private final CmdletInfo info;
    private final HostSession session;
    private final String set;
    private final Map<String, Object> bound = new LinkedHashMap<>();
    final List<Object> output = new ArrayList<>();
    final List<ErrorRecord> errors = new ArrayList<>();
    final AtomicBoolean stopping = new AtomicBoolean();

    CommandRun(String command, HostSession session, String set) {
        this.info = WorldCommands.all().get(command.toLowerCase(Locale.ROOT));
        if (info == null) {
            throw new IllegalArgumentException("no command " + command);
        }
        this.session = session;
        this.set = set != null ? set : info.defaultParameterSet() != null ? info.defaultParameterSet()
                : ParameterInfo.ALL_SETS;
    }

    CommandRun(String command, HostSession session) {
        this(command, session, null);
    }

    CommandRun with(String name, Object value) {
        ParameterInfo p = info.parameters().stream().filter(x -> x.name().equalsIgnoreCase(name)
                || x.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(name))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(info.name() + " has no parameter " + name));
        if (!p.sets().containsKey(set) && !p.sets().containsKey(ParameterInfo.ALL_SETS)) {
            throw new IllegalArgumentException(info.name() + " -" + name + " is not in parameter set " + set);
        }
        bound.put(p.name().toLowerCase(Locale.ROOT), value);
        return this;
    }

    CommandRun with(String switchName) {
        return with(switchName, Boolean.TRUE);
    }

    /** Runs the command; a terminating error is thrown as the cmdlet threw it. */
    CommandRun run() throws PsException {
        for (ParameterInfo p : info.parameters()) {
            ParameterInfo.Binding b = p.sets().getOrDefault(set, p.sets().get(ParameterInfo.ALL_SETS));
            if (b != null && b.mandatory() && !bound.containsKey(p.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(info.name() + " needs -" + p.name() + " in set " + set);
            }
        }
        Cmdlet c = info.factory().get();
        c.begin(this);
        c.process(this, null);
        c.end(this);
        return this;
    }

    @Override
    public String parameterSetName() {
        return set;
    }

    @Override
    public boolean isBound(String parameterName) {
        Object v = bound.get(parameterName.toLowerCase(Locale.ROOT));
        return v != null && !Boolean.FALSE.equals(v) || bound.containsKey(parameterName.toLowerCase(Locale.ROOT))
                && !(v instanceof Boolean);
    }

    @Override
    public Optional<Object> parameter(String parameterName) {
        return Optional.ofNullable(bound.get(parameterName.toLowerCase(Locale.ROOT)));
    }

    @Override
    public void write(Object value) {
        output.add(value);
    }

    @Override
    public void writeError(ErrorRecord error) {
        errors.add(error);
    }

    @Override
    public <T> T host(Class<T> type) {
        return type.cast(session);
    }

    @Override
    public void checkStopping() throws PsException {
        if (stopping.get()) {
            throw new PsException(new ErrorRecord("System.Management.Automation.PipelineStoppedException",
                    "The pipeline has been stopped.", 0x80131500, io.hvmigrate.sim.ps.ErrorCategory.OperationStopped,
                    "PipelineStopped", null));
        }
    }
}
