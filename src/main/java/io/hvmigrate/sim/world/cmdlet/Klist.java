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
 * are klist's. {@code klist -li 0x3e7 tgt} prints the computer account's TGT (its StartTime is when the host's tickets
 * were issued). Other uses print an empty ticket cache.
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
            try {
                return run(invocation.host(io.hvmigrate.sim.world.HostSession.class), invocation.arguments());
            } catch (WorldException e) {
                return new NativeCommand.Result(1, List.of(), List.of(e.getMessage()));
            }
        };
    }

    /** What klist does on a host, once for both ways of calling it. */
    private static NativeCommand.Result run(io.hvmigrate.sim.world.HostSession session, List<String> arguments)
            throws WorldException {
        List<String> args = arguments.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
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
                out.add(NO_SESSION);
                return new NativeCommand.Result(NO_SESSION_EXIT, out, List.of());
            }
            session.world().purgeSystemTickets(session.computerName());
            out.add("\tDeleting all tickets:");
            out.add("\tTicket(s) purged!");
            return NativeCommand.Result.ok(out);
        }
        if (args.contains("tgt")) {
            if (!logonId.equals("0x3e7") && !logonId.equals("999")) {
                out.add(NO_SESSION);
                return new NativeCommand.Result(NO_SESSION_EXIT, out, List.of());
            }
            tgt(session, out);
            return NativeCommand.Result.ok(out);
        }
        out.add("");
        out.add("Cached Tickets: (0)");
        return NativeCommand.Result.ok(out);
    }

    /**
     * klist's times in the host's culture: its short date (en-US M/d/yyyy, en-GB and fr-FR dd/MM/yyyy, de-DE
     * dd.MM.yyyy, ja-JP yyyy/MM/dd), then a 24-hour time, as on an English installation ("3/6/2026 19:07:09", although
     * en-US's own time format has AM/PM). Microsoft documents neither (MicrosoftDocs/windowsserverdocs WindowsServerDocs/administration/windows-commands/klist.md only says "Local
     * computer time that the ticket was requested"), so the engine must not rely on one form; labels stay English.
     */
    static java.time.format.DateTimeFormatter localTime(String culture) {
        String date = switch (culture) {
            case "de-DE" -> "dd.MM.yyyy";
            case "ja-JP" -> "yyyy/MM/dd";
            case "en-GB", "fr-FR" -> "dd/MM/yyyy";
            default -> "M/d/yyyy";
        };
        return java.time.format.DateTimeFormatter.ofPattern(date + " H:mm:ss", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
    }

    /**
     * {@code klist -li 0x3e7 tgt}: the computer account's TGT as Windows prints it. StartTime is when the host's
     * tickets were issued (fleet start, last purge, restart or expiry), EndTime that plus the fleet's ticket lifetime,
     * RenewUntil seven days on; times are local, and local time on the simulated hosts is UTC; dates follow the
     * host's culture ({@link #localTime}).
     */
    private static void tgt(io.hvmigrate.sim.world.HostSession session, List<String> out)
            throws WorldException {
        io.hvmigrate.sim.world.World w = session.world();
        java.time.Instant start = w.systemTgtStart(session.computerName());
        java.time.format.DateTimeFormatter local = localTime(w.culture(session.computerName()));
        String realm = w.hostDomain(session.computerName()).toUpperCase(Locale.ROOT);
        String client = session.computerName().toUpperCase(Locale.ROOT) + "$";
        out.add("");
        out.add("Cached TGT:");
        out.add("");
        out.add("ServiceName        : krbtgt");
        out.add("TargetName (SPN)   : krbtgt");
        out.add("ClientName         : " + client);
        out.add("DomainName         : " + realm);
        out.add("TargetDomainName   : " + realm);
        out.add("AltTargetDomainName: " + realm);
        out.add("Ticket Flags       : 0x40e10000 -> forwardable renewable initial pre_authent name_canonicalize");
        out.add("Session Key        : KeyType 0x12 - AES-256-CTS-HMAC-SHA1-96");
        out.add("                   : KeyLength 32 - " + String.join(" ", java.util.Collections.nCopies(32, "00")));
        out.add("StartTime          : " + local.format(start) + " (local)");
        out.add("EndTime            : " + local.format(start.plus(w.ticketLifetime())) + " (local)");
        out.add("RenewUntil         : " + local.format(start.plus(java.time.Duration.ofDays(7))) + " (local)");
        out.add("TimeSkew           :  + 0:00 minute(s)");
        out.add("EncodedTicket      : (size: 16)");
        out.add("0000  61 82 04 86 30 82 04 82:a0 03 02 01 05 a1 0c 1b  a...0...........");
    }

    private static final String NO_SESSION = "klist failed with 0xc000005f/-1073741729: A specified logon session does "
            + "not exist. It may already have been terminated.";
    private static final int NO_SESSION_EXIT = -1073741729;

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        NativeCommand.Result r;
        try {
            r = run(in.session, in.strings("Arguments"));
        } catch (WorldException e) {
            throw in.fail(e);
        }
        if (r.exitCode() == NO_SESSION_EXIT) {
            String logonId = r.stdout().stream().filter(l -> l.startsWith("Targeted LogonId is 0:")).findFirst()
                    .map(l -> l.substring("Targeted LogonId is 0:".length())).orElse(null);
            throw new PsException(new ErrorRecord("System.Management.Automation.RemoteException", NO_SESSION,
                    0xC000005F, ErrorCategory.NotSpecified, "NativeCommandError", logonId));
        }
        r.stdout().forEach(in::write);
    }
}
