package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsNumber;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.world.Caller;
import io.hvmigrate.sim.world.HostInfo;
import io.hvmigrate.sim.world.HostSession;
import io.hvmigrate.sim.world.World;
import io.hvmigrate.sim.world.WorldException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What every cmdlet of the world does with its context: parameters, the local host, second hops, errors. */
final class Invocation {
    private final CommandContext ctx;
    private final String commandType;
    final HostSession session;
    final World world;

    Invocation(CommandContext ctx, String commandType) {
        this.ctx = ctx;
        this.commandType = commandType;
        this.session = ctx.host(HostSession.class);
        this.world = session.world();
    }

    boolean has(String name) {
        return ctx.isBound(name);
    }

    /** A switch that is on: {@code -IncludeStorage:$false} is bound (it picks the parameter set) but off. */
    boolean on(String name) {
        return bool(name).orElse(false);
    }

    Optional<Object> raw(String name) {
        return ctx.parameter(name);
    }

    Optional<String> string(String name) {
        return ctx.parameter(name).map(Invocation::text);
    }

    List<String> strings(String name) {
        return ctx.parameter(name).map(Invocation::list).orElse(List.of());
    }

    Optional<Boolean> bool(String name) {
        return ctx.parameter(name).map(v -> v instanceof Boolean b ? b : Boolean.parseBoolean(text(v)));
    }

    Optional<Long> number(String name) {
        return ctx.parameter(name).map(Invocation::asLong);
    }

    Optional<UUID> guid(String name) {
        return ctx.parameter(name).map(v -> v instanceof UUID u ? u : UUID.fromString(text(v)));
    }

    Optional<String> enumName(String name) {
        return ctx.parameter(name).map(v -> v instanceof PsEnum.Value e ? e.name() : text(v));
    }

    static long asLong(Object v) {
        return switch (v) {
            case PsNumber.Unsigned u -> u.value();
            case Number n -> n.longValue();
            case PsEnum.Value e -> e.number();
            default -> Long.parseLong(text(v));
        };
    }

    static String text(Object v) {
        if (v instanceof PsObject o) {
            return o.toStringValue() != null ? o.toStringValue()
                    : o.get("Name").map(Object::toString).orElse(o.toString());
        }
        return String.valueOf(v);
    }

    static List<String> list(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> out.addAll(list(x)));
        } else if (v != null) {
            out.add(text(v));
        }
        return out;
    }

    void write(Object o) {
        ctx.write(o);
    }

    void checkStopping() throws PsException {
        ctx.checkStopping();
    }

    /** The hosts -ComputerName names (default: the local host), each checked for reach. */
    List<String> computers() throws PsException {
        List<String> names = strings("ComputerName");
        if (names.isEmpty()) {
            return List.of(session.computerName());
        }
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add(reach(n));
        }
        return out;
    }

    /**
     * Resolves a host name for a Hyper-V cmdlet. The local host is always reachable. Reaching another host from a WinRM
     * network logon is a second hop ({@link World#mayManage}): without delegation of this host's account to the target
     * there is no credential to pass on, and Hyper-V answers with its authorization error.
     */
    String reach(String name) throws PsException {
        String n = name.trim();
        if (n.equals(".") || n.equalsIgnoreCase("localhost")) {
            return session.computerName();
        }
        HostInfo target;
        try {
            target = world.vmHost(n);
        } catch (WorldException e) {
            throw fail(e);
        }
        if (target.name().equalsIgnoreCase(session.computerName())) {
            return target.name();
        }
        boolean mayManage;
        try {
            mayManage = world.mayManage(session.computerName(), session.caller(), target.name());
        } catch (WorldException e) {
            throw fail(e);
        }
        if (!mayManage) {
            throw new PsException(new ErrorRecord("Microsoft.HyperV.PowerShell.VirtualizationException",
                    "You do not have the required permission to complete this task. Contact the administrator of the "
                    + "authorization policy for the computer '" + n + "'.", 0x80070005,
                    ErrorCategory.PermissionDenied, "Unspecified," + commandType, n));
        }
        return target.name();
    }

    /**
     * The domain an ActiveDirectory cmdlet works on (-Server, or the local host's), once the shell has reached AD Web
     * Services on one of its domain controllers: a second hop unless the host is that DC ({@link World#adReach}).
     */
    String adDomain() throws WorldException {
        return adDomain(string("Server").orElse(null));
    }

    /** {@link #adDomain()} for a domain or server named otherwise (Get-ADDomain -Identity). */
    String adDomain(String server) throws WorldException {
        String domain = world.adDomain(server, session.computerName());
        world.adReach(session.computerName(), session.caller(), domain, server);
        return domain;
    }

    /** The cluster -Cluster names, or the local node's; another cluster is a second hop (the help: CredSSP). */
    String cluster() throws PsException {
        String local;
        try {
            local = world.clusters().clusterOfNode(session.computerName()).name();
        } catch (WorldException e) {
            if (string("Cluster").isPresent() && session.caller().logon() != Caller.Logon.NETWORK) {
                return string("Cluster").get();
            }
            throw fail(e);
        }
        Optional<String> named = string("Cluster");
        if (named.isEmpty() || named.get().equals(".")) {
            return local;
        }
        String shortName = named.get().contains(".") ? named.get().substring(0, named.get().indexOf('.'))
                : named.get();
        if (shortName.equalsIgnoreCase(local) || session.caller().logon() != Caller.Logon.NETWORK) {
            return shortName;
        }
        throw new PsException(new ErrorRecord(io.hvmigrate.sim.world.WindowsErrors.CLUSTER_EXCEPTION,
                "You do not have administrative privileges on the cluster. Contact your network administrator to "
                + "request access." + System.lineSeparator() + "    Access is denied", 0x80070005,
                ErrorCategory.AuthenticationError, "ClusterAccessDenied," + commandType, named.get()));
    }

    PsException fail(WorldException e) {
        return new PsException(e.toErrorRecord(commandType));
    }

    /** A non-terminating error (Get-* cmdlets go on with the next name). */
    void error(WorldException e) throws PsException {
        ctx.writeError(e.toErrorRecord(commandType));
    }

    PsException invalid(String message, Object target) {
        return new PsException(new ErrorRecord("System.Management.Automation.ParameterBindingException", message,
                0x80070057, ErrorCategory.InvalidArgument, "ParameterArgumentValidationError," + commandType,
                target));
    }
}
