package io.hvmigrate.load;

import io.hvmigrate.model.Cidr;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Names;
import io.hvmigrate.model.Playbook;
import io.hvmigrate.model.Playbook.Authentication;
import io.hvmigrate.model.Playbook.Concurrency;
import io.hvmigrate.model.Playbook.DeadlineAction;
import io.hvmigrate.model.Playbook.FailureBudget;
import io.hvmigrate.model.Playbook.Ha;
import io.hvmigrate.model.Playbook.MoveSpec;
import io.hvmigrate.model.Playbook.Policy;
import io.hvmigrate.model.Playbook.Retries;
import io.hvmigrate.model.Playbook.Window;
import io.hvmigrate.model.WindowsPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The playbook file: its shape (and JSON Schema), how it is read, and its checks against the inventory. */
public final class PlaybookFormat {
    private PlaybookFormat() {}

    private static final Shape TARGETS = Shape.oneOf("a host or cluster, or a list of them",
            Shape.string("a host or a cluster (then its least-loaded node)"),
            Shape.list("hosts or clusters to spread over", Shape.string("a host or a cluster"), 1));

    private static final Shape.Obj MOVE = Shape.object(null, "a move entry")
            .optional("vm", Shape.string("the VM to move").check(NamePatterns::checkVmName))
            .optional("drain", Shape.string("a host to empty: every VM on it moves"))
            .optional("select", Shape.object(null, "a selection of VMs by name")
                    .optional("host", Shape.string("the host whose VMs are considered"))
                    .optional("cluster", Shape.string("the cluster whose nodes' VMs are considered"))
                    .required("names", Shape.oneOf("name globs", Shape.string("a glob: * any characters, ? one character").check(NamePatterns::checkVmName),
                            Shape.list("name globs", Shape.string("a glob: * any characters, ? one character").check(NamePatterns::checkVmName), 1))))
            .optional("from", Shape.string("the VM's current host, when its name is not unique in the fleet"))
            .optional("to", TARGETS)
            .optional("storagePath", Shape.string("where the VM's files go on the destination (vm moves)"))
            .optional("storageRoot", Shape.string("a folder on the destination under which each VM gets a folder of its own (drain and select)"))
            .optional("allowUnprotected", Shape.bool("permit moving a highly available VM to a standalone host, where it is no longer protected"))
            .exactlyOneOf("vm", "drain", "select")
            .synonyms("to", "targets", "target", "destination", "destinations", "dest")
            .synonyms("vm", "name", "vmName")
            .synonyms("storagePath", "path", "destinationStoragePath");

    /** The longest first backoff: doubled with each of up to 20 attempts, a longer one outlasts any window. */
    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private static String checkBackoff(String v) {
        String error = Units.checkDuration(v);
        if (error != null) {
            return error;
        }
        return Units.duration(v).compareTo(MAX_BACKOFF) > 0 ? "backoff '" + v + "' is longer than " + Units.text(MAX_BACKOFF)
                + ", the longest first wait (it doubles with each retry) | fix: write a backoff such as 5s or 1m" : null;
    }

    private static final Shape.Obj POLICY = Shape.object(null, "the run's policy")
            .optional("authentication", Shape.string("live-migration authentication: kerberos (constrained delegation) or credssp").values("kerberos", "credssp"))
            .optional("migrationNetwork", Shape.string("the dedicated live-migration network in CIDR notation, e.g. 198.51.100.0/24"))
            .optional("concurrency", Shape.object(null, "caps on simultaneous moves")
                    .optional("global", Shape.integer("moves at once in the whole run", 1, 1024))
                    .optional("perSource", Shape.integer("moves at once out of one host", 1, 64))
                    .optional("perDestination", Shape.integer("moves at once into one host", 1, 64)))
            .optional("retries", Shape.object(null, "retries of idempotent steps after transient failures")
                    .optional("attempts", Shape.integer("attempts in all, including the first", 1, 20))
                    .optional("backoff", Shape.string("wait before the first retry (doubling after), at most " + Units.text(MAX_BACKOFF))
                            .check(PlaybookFormat::checkBackoff)))
            .optional("failureBudget", Shape.oneOf("failed moves tolerated before no new move starts: a count or a percentage",
                    Shape.integer("failed moves tolerated", 0, 100000),
                    Shape.string("a percentage of the moves, e.g. 10%").pattern("\\d{1,3}%", "a percentage such as 10%")))
            .optional("window", Shape.object(null, "the maintenance window")
                    .optional("start", Shape.string("when it opens (ISO-8601 with offset, or local time in timeZone); default: when the run starts").check(Units::checkLocalOrOffsetTimestamp))
                    .optional("end", Shape.string("when it closes (ISO-8601 with offset, or local time in timeZone)").check(Units::checkLocalOrOffsetTimestamp))
                    .optional("timeZone", Shape.string("the zone of local times and of every: (Europe/Berlin, W. Europe Standard Time, UTC, +01:00)")
                            .check(v -> io.hvmigrate.model.TimeZones.parse(v).isPresent() ? null
                                    : "'" + v + "' is not a time zone | fix: write " + io.hvmigrate.model.TimeZones.HINT
                                    + DidYouMean.closest(v, io.hvmigrate.model.TimeZones.names()).map(n -> " (did you mean '" + n + "'?)").orElse("")))
                    .optional("every", Shape.string("a weekly window for standing jobs: days and local times, e.g. Sun 01:00-05:00, Sat,Sun 22:00-02:00, Mon-Fri 20:00-23:00, daily 01:00-04:00")
                            .check(v -> weekly(v) != null ? null : "'" + v + "' is not a weekly window | fix: write days and times such as Sun 01:00-05:00, Sat,Sun 22:00-02:00 or daily 01:00-04:00"))
                    .optional("duration", Shape.string("its length, instead of end").check(Units::checkDuration))
                    .optional("cutoff", Shape.string("the last moment a new move may start: a timestamp, or a duration before the end (e.g. 30m)")
                            .check(v -> Units.duration(v) != null ? null : Units.checkTimestamp(v)))
                    .optional("atDeadline", Shape.string("what happens to moves still running at the end").values("finish", "cancel")))
            .optional("ha", Shape.object(null, "highly available VMs")
                    .optional("makeHighlyAvailable", Shape.bool("add the VM role on the destination cluster after a move into a cluster (default true)"))
                    .optional("keepPriority", Shape.bool("give the new role the VM's old priority (default true)"))
                    .optional("allowUnprotected", Shape.bool("permit moving highly available VMs to standalone hosts (default false)")))
            .optional("purgeStaleTickets", Shape.bool("purge the computer account's tickets (klist purge -li 0x3e7) on a source whose "
                    + "delegation changed after it obtained them, before its first move (default true); false: such moves are refused"));

    public static final Shape.Obj SHAPE = Shape.object("hvmigrate playbook", "a named run of live migrations under one policy")
            .optional("version", Shape.integer("playbook format version", 1, 1))
            .required("name", Shape.string("the playbook's name").pattern("[A-Za-z0-9][A-Za-z0-9._-]{0,63}", "a name of letters, digits, '.', '_' and '-'"))
            .optional("description", Shape.string("what this run is for"))
            .optional("policy", POLICY)
            .required("moves", Shape.list("what to move", MOVE, 1));

    /** Reads and checks a playbook; host and cluster names are checked against the inventory. */
    public static Playbook load(Path file, Inventory inventory) {
        Node root = LocatedYaml.read(file, Document.PLAYBOOK);
        Problems problems = new Problems();
        SHAPE.check(root, problems);
        Playbook pb = bind(file, root, inventory, problems);
        problems.throwIfAny();
        return pb;
    }

    static Playbook bind(Path file, Node root, Inventory inv, Problems problems) {
        if (!(root instanceof Node.MapNode m)) {
            return new Playbook(file, "", "", Policy.defaults(), List.of());
        }
        Policy policy = Fields.map(m, "policy").map(p -> policy(p, problems)).orElse(Policy.defaults());
        List<MoveSpec> moves = new ArrayList<>();
        Map<String, Node> explicitVms = new HashMap<>();
        for (Node n : Fields.list(m, "moves")) {
            if (n instanceof Node.MapNode e) {
                move(e, inv, problems, explicitVms).ifPresent(moves::add);
            }
        }
        return new Playbook(file, Fields.string(m, "name", ""), Fields.string(m, "description", ""), policy, moves);
    }

    private static Optional<MoveSpec> move(Node.MapNode e, Inventory inv, Problems problems, Map<String, Node> explicitVms) {
        Boolean allow = Fields.bool(e, "allowUnprotected").orElse(null);
        List<Node.Scalar> to = Fields.stringOrList(e, "to");
        to.forEach(t -> checkTarget(t, inv, problems));
        if (Fields.string(e, "vm").isPresent()) {
            notAllowed(e, problems, "vm moves", "storageRoot", "use storagePath: for a single VM");
            if (to.size() != 1) {
                problems.add(Fields.at(e, "to"), to.isEmpty() ? "a vm move needs a destination" : "a vm move has exactly one destination",
                        to.isEmpty() ? "add to: <host or cluster>" : "name one host or cluster in to:");
            }
            String vm = Fields.string(e, "vm").get();
            Optional<Node.Scalar> from = Fields.scalar(e, "from");
            from.ifPresent(f -> checkHost(f, inv, problems, "from"));
            String key = Names.key(vm) + "@" + from.map(f -> Names.key(f.text())).orElse("");
            Node prev = explicitVms.putIfAbsent(key, e);
            if (prev != null) {
                problems.add(Fields.at(e, "vm"), "VM '" + vm + "' is already moved by the entry at " + prev.location(),
                        "a VM can be moved once per run; remove one of the entries");
            }
            String storagePath = Fields.string(e, "storagePath").orElse(null);
            if (storagePath != null) {
                checkPath(Fields.at(e, "storagePath"), storagePath, problems);
            }
            return to.size() == 1 ? Optional.of(new Playbook.VmMove(e.location(), vm, from.map(Node.Scalar::text).orElse(null),
                    to.get(0).text(), storagePath, allow)) : Optional.empty();
        }
        notAllowed(e, problems, "drain and select entries", "storagePath", "use storageRoot: (each VM gets a folder under it)");
        notAllowed(e, problems, "drain and select entries", "from", "name the host in drain: or select: host:");
        String storageRoot = Fields.string(e, "storageRoot").orElse(null);
        if (storageRoot != null) {
            checkPath(Fields.at(e, "storageRoot"), storageRoot, problems);
        }
        List<String> targets = to.stream().map(Node.Scalar::text).toList();
        if (Fields.string(e, "drain").isPresent()) {
            Node.Scalar host = Fields.scalar(e, "drain").get();
            checkHost(host, inv, problems, "drain");
            for (Node.Scalar t : to) {
                if (Names.same(t.text(), host.text()) || inv.host(host.text()).map(h -> h.answersTo(t.text())).orElse(false)) {
                    problems.add(t, "drain target '" + t.text() + "' is the host being drained", "remove it from to:");
                }
            }
            return Optional.of(new Playbook.Drain(e.location(), host.text(), targets, storageRoot, allow));
        }
        Optional<Node.MapNode> sel = Fields.map(e, "select");
        if (sel.isEmpty()) {
            return Optional.empty();
        }
        Optional<Node.Scalar> host = Fields.scalar(sel.get(), "host");
        Optional<Node.Scalar> cluster = Fields.scalar(sel.get(), "cluster");
        if (host.isPresent() == cluster.isPresent()) {
            problems.add(sel.get(), "a selection needs either host: or cluster: (one of them)", "say where to look for the VMs");
        }
        host.ifPresent(h -> checkHost(h, inv, problems, "select host"));
        cluster.ifPresent(c -> {
            if (inv.cluster(c.text()).isEmpty()) {
                problems.add(c, "cluster '" + c.text() + "' is not in the inventory",
                        DidYouMean.closest(c.text(), inv.clusters().stream().map(Inventory.ClusterRef::name).toList())
                                .map(s -> "did you mean '" + s + "'?").orElse("add it under clusters: in " + inv.file()));
            }
        });
        if (to.isEmpty()) {
            problems.add(e, "a selection needs a destination", "add to: <host, cluster, or a list of them>");
        }
        List<String> names = Fields.strings(sel.get(), "names");
        return Optional.of(new Playbook.Select(e.location(), host.map(Node.Scalar::text).orElse(null),
                cluster.map(Node.Scalar::text).orElse(null), names, targets, storageRoot, allow));
    }

    private static void notAllowed(Node.MapNode e, Problems problems, String what, String key, String fix) {
        e.entry(key).ifPresent(x -> problems.add(x.keyLocation(), key + " is not used by " + what, fix));
    }

    private static void checkPath(Location at, String path, Problems problems) {
        String error = WindowsPath.problem(path);
        if (error != null) {
            problems.add(at, error, "write an absolute Windows path such as D:\\VMs\\web01, C:\\ClusterStorage\\Volume1\\web01 or \\\\sofs\\vms\\web01");
        }
    }

    private static void checkHost(Node.Scalar n, Inventory inv, Problems problems, String role) {
        if (inv.host(n.text()).isPresent()) {
            return;
        }
        if (inv.fileServer(n.text()).isPresent()) {
            problems.add(n, "'" + n.text() + "' is a file server, not a Hyper-V host", "name a Hyper-V host in " + role + ":");
            return;
        }
        problems.add(n, "host '" + n.text() + "' is not in the inventory",
                DidYouMean.closest(n.text(), inv.hosts().stream().map(Inventory.HostEndpoint::name).toList())
                        .map(s -> "did you mean '" + s + "'?").orElse("add it under hosts: in " + inv.file()));
    }

    private static void checkTarget(Node.Scalar n, Inventory inv, Problems problems) {
        if (inv.host(n.text()).isPresent() || inv.cluster(n.text()).isPresent()) {
            return;
        }
        if (inv.fileServer(n.text()).isPresent()) {
            problems.add(n, "'" + n.text() + "' is a file server, not a Hyper-V host or cluster", "name a Hyper-V host or a cluster in to:");
            return;
        }
        List<String> known = Stream.concat(inv.hosts().stream().map(Inventory.HostEndpoint::name), inv.clusters().stream().map(Inventory.ClusterRef::name)).toList();
        problems.add(n, "destination '" + n.text() + "' is neither a host nor a cluster in the inventory",
                DidYouMean.closest(n.text(), known).map(s -> "did you mean '" + s + "'?").orElse("add it to " + inv.file()));
    }

    private static Policy policy(Node.MapNode p, Problems problems) {
        Policy d = Policy.defaults();
        Authentication auth = Fields.choice(Fields.string(p, "authentication"), Authentication.class, d.authentication());
        Cidr net = null;
        Optional<String> netText = Fields.string(p, "migrationNetwork");
        if (netText.isPresent()) {
            try {
                net = Cidr.parse(netText.get());
            } catch (Cidr.Invalid e) {
                problems.add(Fields.at(p, "migrationNetwork"), e.getMessage(), e.fix());
            }
        }
        Concurrency c = Fields.map(p, "concurrency").map(x -> new Concurrency(
                Fields.integer(x, "global").orElse((long) d.concurrency().global()).intValue(),
                Fields.integer(x, "perSource").orElse((long) d.concurrency().perSource()).intValue(),
                Fields.integer(x, "perDestination").orElse((long) d.concurrency().perDestination()).intValue())).orElse(d.concurrency());
        Retries r = Fields.map(p, "retries").map(x -> new Retries(
                Fields.integer(x, "attempts").orElse((long) d.retries().attempts()).intValue(),
                Fields.string(x, "backoff").map(Units::duration).orElse(d.retries().backoff()))).orElse(d.retries());
        FailureBudget budget = Fields.scalar(p, "failureBudget").map(s -> {
            if (s.value() instanceof Long l) {
                return new FailureBudget(l.intValue(), null);
            }
            if (s.text().matches("\\d{1,3}%")) {
                int pct = Integer.parseInt(s.text().substring(0, s.text().length() - 1));
                if (pct > 100) {
                    problems.add(s, "failure budget " + s.text() + " is over 100%", "use a percentage from 0% to 100%");
                }
                return new FailureBudget(0, Math.min(pct, 100));
            }
            return d.failureBudget();
        }).orElse(d.failureBudget());
        Window w = Fields.map(p, "window").map(x -> window(x, problems)).orElse(null);
        Ha ha = Fields.map(p, "ha").map(x -> new Ha(Fields.bool(x, "makeHighlyAvailable", true), Fields.bool(x, "keepPriority", true),
                Fields.bool(x, "allowUnprotected", false))).orElse(d.ha());
        return new Policy(auth, net, c, r, budget, w, ha, Fields.bool(p, "purgeStaleTickets", true));
    }

    private static final java.util.regex.Pattern WEEKLY = java.util.regex.Pattern.compile(
            "(?i)\\s*(daily|[a-z]{3}(?:-[a-z]{3})?(?:\\s*,\\s*[a-z]{3}(?:-[a-z]{3})?)*)\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*");

    /** "Sun 01:00-05:00", "Sat,Sun 22:00-02:00", "Mon-Fri 20:00-23:00", "daily 01:00-04:00"; null when it is none. */
    static io.hvmigrate.model.Playbook.Weekly weekly(String text) {
        java.util.regex.Matcher m = WEEKLY.matcher(text);
        if (!m.matches()) {
            return null;
        }
        java.util.Set<java.time.DayOfWeek> days = java.util.EnumSet.noneOf(java.time.DayOfWeek.class);
        if (m.group(1).equalsIgnoreCase("daily")) {
            days.addAll(java.util.EnumSet.allOf(java.time.DayOfWeek.class));
        } else {
            for (String part : m.group(1).split(",")) {
                String[] range = part.trim().split("-");
                java.time.DayOfWeek a = day(range[0]);
                java.time.DayOfWeek b = range.length > 1 ? day(range[1]) : a;
                if (a == null || b == null) {
                    return null;
                }
                for (java.time.DayOfWeek d = a; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == b) {
                        break;
                    }
                }
            }
        }
        try {
            java.time.LocalTime from = java.time.LocalTime.parse(pad(m.group(2)));
            java.time.LocalTime to = java.time.LocalTime.parse(pad(m.group(3)));
            return from.equals(to) ? null : new io.hvmigrate.model.Playbook.Weekly(days, from, to);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String pad(String hhmm) {
        return hhmm.length() == 4 ? "0" + hhmm : hhmm;
    }

    private static java.time.DayOfWeek day(String abbreviation) {
        for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
            if (d.name().substring(0, 3).equalsIgnoreCase(abbreviation.trim())) {
                return d;
            }
        }
        return null;
    }

    /** A timestamp with its offset, or a local one in the window's zone; null when neither can be made. */
    private static Instant instant(String text, java.time.ZoneId zone) {
        java.time.OffsetDateTime o = Units.timestamp(text);
        if (o != null) {
            return o.toInstant();
        }
        if (zone == null) {
            return null;
        }
        try {
            java.time.LocalDateTime local = Units.localTimestamp(text);
            return local == null ? null : local.atZone(zone).toInstant();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static Window window(Node.MapNode w, Problems problems) {
        java.time.ZoneId zone = Fields.string(w, "timeZone").flatMap(io.hvmigrate.model.TimeZones::parse).orElse(null);
        for (String key : List.of("start", "end", "cutoff")) {
            Optional<String> t = Fields.string(w, key);
            if (t.isPresent() && zone == null && Units.timestamp(t.get()) == null && Units.duration(t.get()) == null
                    && Units.checkLocalOrOffsetTimestamp(t.get()) == null && w.entry("timeZone").isEmpty()) {
                problems.add(Fields.at(w, key), "'" + t.get() + "' is a local time, and the window has no timeZone:",
                        "add the offset (" + t.get().trim() + "+01:00) or timeZone: <zone> to the window (" + io.hvmigrate.model.TimeZones.HINT + ")");
            }
        }
        io.hvmigrate.model.Playbook.Weekly every = Fields.string(w, "every").map(PlaybookFormat::weekly).orElse(null);
        Instant start = Fields.string(w, "start").map(t -> instant(t, zone)).orElse(null);
        Instant end = Fields.string(w, "end").map(t -> instant(t, zone)).orElse(null);
        Duration duration = Fields.string(w, "duration").map(Units::duration).orElse(null);
        String cutoffText = Fields.string(w, "cutoff").orElse(null);
        Duration cutoffBefore = cutoffText == null ? null : Units.duration(cutoffText);
        Instant cutoffAt = cutoffText == null || cutoffBefore != null ? null : instant(cutoffText, zone);
        DeadlineAction action = "cancel".equalsIgnoreCase(Fields.string(w, "atDeadline", "finish")) ? DeadlineAction.CANCEL : DeadlineAction.FINISH;

        boolean hasEnd = w.entry("end").isPresent();
        boolean hasDuration = w.entry("duration").isPresent();
        if (w.entry("every").isPresent()) {
            for (String key : List.of("start", "end", "duration")) {
                if (w.entry(key).isPresent()) {
                    problems.add(w.entry(key).get().keyLocation(), "a recurring window (every:) has no " + key + ": of its own",
                            "remove " + key + ":, or remove every: for a one-off window");
                }
            }
            if (cutoffText != null && cutoffBefore == null) {
                problems.add(Fields.at(w, "cutoff"), "a recurring window's cutoff is a time before each end, not a timestamp", "write it as a duration, e.g. 30m");
            }
            if (w.entry("timeZone").isEmpty()) {
                problems.add(w.entry("every").get().keyLocation(), "a recurring window needs timeZone: (its times are local)",
                        "add timeZone: <zone>, " + io.hvmigrate.model.TimeZones.HINT);
            }
            if (every != null && cutoffBefore != null) {
                java.time.Duration length = java.time.Duration.between(every.from(), every.to());
                if (!every.to().isAfter(every.from())) {
                    length = length.plusDays(1);
                }
                if (cutoffBefore.compareTo(length) >= 0) {
                    problems.add(Fields.at(w, "cutoff"), "the cutoff (" + cutoffText + " before the end) leaves no time to start any move", "use a shorter cutoff than the window");
                }
            }
            return new Window(null, null, null, null, cutoffBefore, action, zone, every);
        }
        if (hasEnd && hasDuration) {
            problems.add(w.entry("duration").get().keyLocation(), "the window has both end: and duration:", "keep one of them");
        } else if (!hasEnd && !hasDuration) {
            problems.add(w, "the window needs end: or duration:", "add end: <timestamp> or duration: <e.g. 4h>");
        }
        if (start != null && end != null && !end.isAfter(start)) {
            problems.add(Fields.at(w, "end"), "the window ends (" + end + ") before it starts (" + start + ")", "make end: later than start:");
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            problems.add(Fields.at(w, "duration"), "the window's duration must be positive", "write a duration such as 4h");
        }
        if (cutoffAt != null && end != null && cutoffAt.isAfter(end)) {
            problems.add(Fields.at(w, "cutoff"), "the cutoff (" + cutoffAt + ") is after the window ends (" + end + ")", "make cutoff: earlier than end:, or write it as a duration before the end, e.g. 30m");
        }
        if (cutoffAt != null && start != null && cutoffAt.isBefore(start)) {
            problems.add(Fields.at(w, "cutoff"), "the cutoff (" + cutoffAt + ") is before the window starts (" + start + ")", "make cutoff: later than start:");
        }
        Duration length = duration != null ? duration : (start != null && end != null ? Duration.between(start, end) : null);
        if (cutoffBefore != null && length != null && cutoffBefore.compareTo(length) >= 0) {
            problems.add(Fields.at(w, "cutoff"), "the cutoff (" + cutoffText + " before the end) leaves no time to start any move", "use a shorter cutoff than the window");
        }
        return new Window(start, end, duration, cutoffAt, cutoffBefore, action, zone, null);
    }
}
