package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.NativeCommand;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;
import java.util.Locale;

/**
 * The native {@code klist.exe}, as a command whose arguments arrive in order in {@code Arguments}. {@code klist purge
 * -li 0x3e7} drops the computer account's tickets, so the host acts on the directory as it is now; the output lines
 * are klist's. Other uses print an empty ticket cache.
 */
final class Klist implements Cmdlet {
    static final String TYPE = "klist.exe";

    static CmdletInfo info() {
        return new CmdletInfo("klist", List.of(
                Param.of("Arguments", PsType.STRING_ARRAY).in(Param.at(0, false)).build()),
                null, Klist::new);
    }

    /**
     * klist.exe as PowerShell runs a native program: arguments as typed, output lines, an exit code. A failed purge
     * prints klist's message and exits non-zero, as the real program does.
     */
    static NativeCommand nativeCommand() {
        return invocation -> {
            io.hvmigrate.sim.world.HostSession session = invocation.host(io.hvmigrate.sim.world.HostSession.class);
            List<String> args = invocation.arguments().stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
            List<String> out = new java.util.ArrayList<>();
            String logonId = "0x3e7";
            int li = args.indexOf("-li");
            if (li >= 0 && li + 1 < args.size()) {
                logonId = args.get(li + 1);
            }
            out.add("");
            out.add("Current LogonId is 0:0x3e7");
            if (li >= 0) {
                out.add("Targeted LogonId is 0:" + logonId);
            }
            if (args.contains("purge")) {
                if (!logonId.equals("0x3e7") && !logonId.equals("999")) {
                    out.add("klist failed with 0xc000005f/-1073741729: A specified logon session does not exist. It "
                            + "may already have been terminated.");
                    return new NativeCommand.Result(-1073741729, out, List.of());
                }
                try {
                    session.world().purgeSystemTickets(session.computerName());
                } catch (WorldException e) {
                    return new NativeCommand.Result(1, out, List.of(e.getMessage()));
                }
                out.add("\tDeleting all tickets:");
                out.add("\tTicket(s) purged!");
                return NativeCommand.Result.ok(out);
            }
            out.add("");
            out.add("Cached Tickets: (0)");
            return NativeCommand.Result.ok(out);
        };
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        List<String> args = in.strings("Arguments").stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        String logonId = "0x3e7";
        int li = args.indexOf("-li");
        if (li >= 0 && li + 1 < args.size()) {
            logonId = args.get(li + 1);
        }
        in.write("");
        in.write("Current LogonId is 0:0x3e7");
        if (li >= 0) {
            in.write("Targeted LogonId is 0:" + logonId);
        }
        if (args.contains("purge")) {
            if (!logonId.equals("0x3e7") && !logonId.equals("999")) {
                throw new PsException(new ErrorRecord("System.Management.Automation.RemoteException",
                        "klist failed with 0xc000005f/-1073741729: A specified logon session does not exist. It may "
                        + "already have been terminated.", 0xC000005F, ErrorCategory.NotSpecified,
                        "NativeCommandError", logonId));
            }
            try {
                in.world.purgeSystemTickets(in.session.computerName());
            } catch (WorldException e) {
                throw in.fail(e);
            }
            in.write("\tDeleting all tickets:");
            in.write("\tTicket(s) purged!");
            return;
        }
        in.write("");
        in.write("Cached Tickets: (0)");
    }
}
