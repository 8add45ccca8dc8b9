package io.hvmigrate.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.journal.Journal;
import io.hvmigrate.journal.JournalCodec;
import io.hvmigrate.journal.RunLock;
import io.hvmigrate.model.ApprovedPlan;
import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Names;
import io.hvmigrate.model.Playbook;
import io.hvmigrate.plan.Classification;
import io.hvmigrate.plan.MoveJob;
import io.hvmigrate.plan.Plan;
import io.hvmigrate.plan.PlannedMove;
import io.hvmigrate.plan.Planner;
import io.hvmigrate.transport.TransportException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A run from start to end: discover, plan, refuse or go on, lock the hosts, journal, schedule, report. Resuming a run
 * takes the same path from the journal and the truth on the hosts. The command line is a thin layer over this.
 */
public final class RunService {

    /**
     * Run settings.
     *
     * @param waitForWindow before the window opens: wait for it (true), or return {@link Outcome.WindowNotOpen} at once
     * @param windowLead    how long before the opening discovery and preflight start (no host is contacted earlier)
     */
    public record Options(Path runsDir, boolean skipRefused, MoveExecutor.Limits limits, boolean waitForWindow, Duration windowLead) {
        public Options(Path runsDir, boolean skipRefused, MoveExecutor.Limits limits) {
            this(runsDir, skipRefused, limits, true, Duration.ofMinutes(2));
        }
    }

    /** How an attempt to run ended. */
    public sealed interface Outcome {
        /** Some moves cannot be planned; nothing was changed. */
        record Refused(Plan plan, List<Discovery.Unreachable> unreachable) implements Outcome {}

        /** Preflight found what would make moves fail (delegation, authentication, networks, …); nothing was changed. */
        record PreflightRefused(Plan plan, io.hvmigrate.check.Report report) implements Outcome {}

        /** No inventory host could be read (connection, authentication, TLS): a connection problem; nothing was changed. */
        record Unreachable(List<Discovery.Unreachable> hosts) implements Outcome {}

        /** The window has not opened and the run was told not to wait (--no-wait): nothing was contacted. */
        record WindowNotOpen(Playbook.Window.Resolved window) implements Outcome {}

        /** The window closed before the run began: nothing was contacted, nothing starts. */
        record WindowOver(Playbook.Window.Resolved window) implements Outcome {}

        /** Stopped (a signal, Ctrl-C) while waiting for the window: nothing was contacted. */
        record StoppedBeforeStart(Playbook.Window.Resolved window) implements Outcome {}

        /** Another run holds hosts this one needs. */
        record Busy(String message) implements Outcome {}

        /** The approved plan expired while the run waited for the window: nothing was contacted. */
        record ApprovalExpired(ApprovedPlan plan) implements Outcome {}

        /** The run ran (or had nothing to do). */
        record Finished(RunSummary summary, Path runDir, Plan plan) implements Outcome {}
    }

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Inventory inventory;
    private final HostConnections hosts;
    private final Clock clock;
    private final RunEvents events;
    private final Options options;
    private final io.hvmigrate.directory.DirectoryBackend directory;

    public RunService(Inventory inventory, HostConnections hosts, Clock clock, RunEvents events, Options options) {
        this(inventory, hosts, clock, events, options, null);
    }

    /** @param directory where discovery reads the directory; null: through a host's ActiveDirectory cmdlets */
    public RunService(Inventory inventory, HostConnections hosts, Clock clock, RunEvents events, Options options,
                      io.hvmigrate.directory.DirectoryBackend directory) {
        this.directory = directory;
        this.inventory = inventory;
        this.hosts = hosts;
        this.clock = clock;
        this.events = events;
        this.options = options;
    }

    /** Reads the fleet (every inventory host). */
    public Discovery.Result discover() {
        Discovery d = directory == null ? new Discovery(hosts, inventory, clock, options.limits().step())
                : new Discovery(hosts, inventory, clock, options.limits().step(), directory);
        return d.discover(inventory.hosts().stream().map(Inventory.HostEndpoint::name).toList());
    }

    /** Runs a playbook, or resumes the interrupted run of the same playbook if there is one. */
    public Outcome run(Playbook playbook, Scheduler.Control control) throws IOException {
        return run(playbook, null, control);
    }

    /**
     * Runs the moves of an approved plan and no others, under its playbook's policy: after discovery each approved
     * move is compared with the facts now ({@link Planner#planApproved}); a move that no longer matches is refused
     * with what changed, a VM already on its approved destination is in place, and the rest takes the path of every
     * run — preflight, --skip-refused, journal, schedule, report. An interrupted run of the same approved plan is
     * resumed; one of the same playbook that was not is left for {@code resume}.
     *
     * @param approved a plan whose digest, inventory and playbook the caller has checked
     *                 ({@link io.hvmigrate.load.ApprovedPlanFormat}); its expiry is checked again here, once the
     *                 window has opened
     * @param playbook the playbook it was made from
     */
    public Outcome runApproved(ApprovedPlan approved, Playbook playbook, Scheduler.Control control) throws IOException {
        return run(playbook, approved, control);
    }

    private Outcome run(Playbook playbook, ApprovedPlan approved, Scheduler.Control control) throws IOException {
        RunRecord interrupted = latestUnfinished(playbook);
        if (interrupted != null) {
            String from = interrupted.runStart().path("approvedPlan").path("digest").asText(null);
            if (approved != null && !approved.digest().equals(from)) {
                return new Outcome.Busy("run " + interrupted.runId() + " of this playbook did not finish and was not started from this approved plan;"
                        + " finish it first (hvmigrate resume " + interrupted.runId() + "), then run the approved plan");
            }
            events.notice("run " + interrupted.runId() + " of this playbook did not finish: resuming it from the truth on the hosts");
            return resume(interrupted, control);
        }
        try (Run run = new Run(playbook.policy(), playbook.policy().window() == null ? null : playbook.policy().window().zone(),
                control, approved, hosts, events, clock)) {
            return run(playbook, run);
        }
    }

    /** A run of a playbook or an approved plan, from the window's opening to its report. */
    private Outcome run(Playbook playbook, Run run) throws IOException {
        ApprovedPlan approved = run.approved;
        Outcome early = run.awaitWindow(options.waitForWindow(), options.windowLead());
        if (early != null) {
            return early;
        }
        events.phase("discovery", true, "reading " + inventory.hosts().size() + " hosts");
        Discovery.Result found = discover();
        found.unreachable().forEach(events::hostUnreadable);
        events.phase("discovery", false, found.facts().hosts().size() + " hosts read, " + found.facts().vms().size() + " VMs, "
                + found.unreachable().size() + " could not be read");
        if (found.noHostRead()) {
            return new Outcome.Unreachable(found.unreachable());
        }
        events.phase("planning", true, approved == null ? playbook.moves().size() + " entries" : "the approved plan's moves against the fleet now");
        Planner planner = new Planner(inventory, found.facts(), found.unreadHosts());
        Plan plan = approved == null ? planner.plan(playbook) : planner.planApproved(playbook, approved);
        if (approved != null) {
            plan.warnings().forEach(events::notice);
        }
        events.phase("planning", false, plan.moves().size() + " moves: " + plan.moves().stream().filter(PlannedMove::planned).count()
                + " planned, " + plan.count(Classification.AlreadyInPlace.class) + " already in place, "
                + plan.count(Classification.Refused.class) + " refused");
        boolean refused = plan.anyRefused();
        if (refused && !options.skipRefused()) {
            return new Outcome.Refused(plan, found.unreachable());
        }
        events.phase("preflight", true, "checking " + plan.moves().stream().filter(PlannedMove::planned).count() + " moves");
        io.hvmigrate.check.Report preflight = new io.hvmigrate.check.Preflight(found.facts(), playbook.policy()).check(plan);
        preflight.findings().forEach(events::finding);
        events.phase("preflight", false, preflight.count(io.hvmigrate.check.Finding.Severity.BLOCKING) + " blocking, "
                + preflight.count(io.hvmigrate.check.Finding.Severity.WARNING) + " warnings");
        Map<String, io.hvmigrate.check.Finding> blocked = preflight.blockingByMove(plan);
        if (preflight.blocking() && (!options.skipRefused() || !preflight.blockingOutsideMoves(plan).isEmpty())) {
            return new Outcome.PreflightRefused(plan, preflight);
        }
        // --skip-refused: refused and preflight-blocked moves are left out, each with its reason; the others run
        List<RunSummary.MoveResult> leftOut = new ArrayList<>();
        for (PlannedMove m : plan.moves()) {
            String why = null;
            if (m.outcome() instanceof Classification.Refused r) {
                why = r.code() + ": " + r.reason() + (r.fix() == null ? "" : "; fix: " + r.fix());
            } else if (m.planned() && blocked.containsKey(m.id())) {
                io.hvmigrate.check.Finding f = blocked.get(m.id());
                why = f.id() + ": " + f.message() + (f.fix() == null ? "" : "; fix: " + f.fix());
            }
            if (why != null) {
                leftOut.add(new RunSummary.MoveResult(m.id(), m.vmName(), m.source() == null ? "?" : m.source().name(),
                        m.destination() == null ? "?" : m.destination().name(), m.planned() ? m.job().scenario().name() : "-",
                        MoveState.REFUSED, why, Duration.ZERO));
                events.moveRefused(m.id(), m.vmName(), why);
            }
        }
        List<ObjectNode> purges = new ArrayList<>();
        Set<String> purgeFailed = purgeStaleTickets(plan.moves().stream().filter(m -> m.planned() && !blocked.containsKey(m.id())).toList(),
                found.facts(), playbook.policy(), purges, leftOut);
        List<PlannedMove> planned = plan.moves().stream().filter(m -> m.planned() && !blocked.containsKey(m.id())
                && !purgeFailed.contains(m.id())).toList();
        List<MoveJob> jobs = new ArrayList<>(planned.stream().map(PlannedMove::job).toList());
        Map<String, MoveExecutor.Start> starts = new HashMap<>();
        jobs.forEach(j -> starts.put(j.id(), MoveExecutor.Start.FRESH));
        Set<String> takenOver = new java.util.HashSet<>();
        List<RunRecord> earlier = null;   // this playbook's earlier runs, read once, only when a move needs them
        for (PlannedMove m : plan.moves()) {
            Unprotected u = null;
            if (m.outcome() instanceof Classification.AlreadyInPlace && mayBeLeftUnprotected(m)) {
                earlier = earlier != null ? earlier : earlierRuns(playbook);
                u = leftUnprotected(m, earlier);
            }
            if (u != null) {
                // on its destination but not yet highly available there: the move is not in place until its role exists
                jobs.add(u.job());
                starts.put(u.job().id(), new MoveExecutor.Start(MoveState.MIGRATED, u.role()));
                takenOver.add(m.id());
                events.notice(m.vmName() + " is on " + u.job().destination() + " but not highly available there, as run " + u.runId()
                        + " left it: making it highly available on " + u.job().destinationCluster());
            }
        }
        Path runDir = Journal.newRunDirectory(options.runsDir(), RUN_ID.format(clock.instant()) + "-" + playbook.name());
        String runId = runDir.getFileName().toString();
        Set<String> involved = lockKeys(jobs, found.facts());
        ObjectNode start = Journal.record(clock, runId, "run-start");
        start.put("playbook", playbook.name());
        start.put("playbookFile", String.valueOf(playbook.file().toAbsolutePath()));
        start.put("inventoryFile", String.valueOf(inventory.file().toAbsolutePath()));
        start.set("policy", policyRecord(run));
        if (approved != null) {
            ObjectNode ap = start.putObject("approvedPlan");
            ap.put("file", String.valueOf(approved.file().toAbsolutePath()));
            ap.put("digest", approved.digest());
            ap.put("expiresAt", approved.expiresAt().toString());
            ap.put("factsDigest", approved.factsDigest());
        }
        ArrayNode js = start.putArray("jobs");
        jobs.forEach(j -> js.add(JournalCodec.job(j)));
        ArrayNode locks = start.putArray("locks");
        involved.forEach(locks::add);
        ArrayNode refusedRec = start.putArray("refused");
        leftOut.forEach(r -> refusedRec.addObject().put("move", r.id()).put("vm", r.vm()).put("why", r.detail()));
        ArrayNode skipped = start.putArray("alreadyInPlace");
        plan.moves().stream().filter(m -> m.outcome() instanceof Classification.AlreadyInPlace && !takenOver.contains(m.id()))
                .forEach(m -> skipped.add(m.vmName()));
        Journal journal;
        try {
            journal = hold(run, runId, involved, () -> Journal.create(runDir, runId, clock, start));
        } catch (RunLock.Busy b) {
            Files.deleteIfExists(runDir);   // still empty: the run never started
            return new Outcome.Busy(b.getMessage());
        }
        for (ObjectNode p : purges) {
            p.put("run", runId);
            journal.append(p);
        }
        for (MoveJob j : jobs) {
            if (starts.get(j.id()).state() != MoveState.PENDING) {
                // what the journal of this run must know for a resume: the move starts past its migration
                ObjectNode rec = journal.record("state");
                rec.put("move", j.id());
                rec.put("from", MoveState.PENDING.name());
                rec.put("to", starts.get(j.id()).state().name());
                rec.put("detail", "on its destination, not yet highly available");
                journal.append(rec);
                if (starts.get(j.id()).recordedRole() != null) {
                    ObjectNode role = journal.record("role-recorded");
                    role.put("move", j.id());
                    role.set("role", JournalCodec.role(starts.get(j.id()).recordedRole()));
                    journal.append(role);
                }
            }
        }
        RunSummary summary = schedule(runId, jobs, starts, found.facts(), run, plan, takenOver);
        if (!leftOut.isEmpty()) {
            List<RunSummary.MoveResult> all = new ArrayList<>(summary.moves());
            all.addAll(leftOut);
            all.sort(java.util.Comparator.comparing(RunSummary.MoveResult::id));
            summary = new RunSummary(summary.runId(), all, summary.elapsed(), summary.roundTrips(), summary.notStartedBecause(), summary.interrupted());
        }
        return finish(journal, runDir, summary, plan);
    }


    /**
     * {@code klist purge -li 0x3e7} on each source of {@code moves} whose computer account changed after it obtained
     * its TGT, before any move starts (so before that source's first move): a host keeps acting on the delegation of
     * its tickets until they expire or are purged, and a move that needs the new delegation fails with 0x8009030D
     * (Microsoft, Troubleshoot live migration issues, MicrosoftDocs/SupportArticles-docs support/windows-server/virtualization/troubleshoot-live-migration-issues.md:
     * "Wait up to 15 minutes for Keberos tickets to time out. Or run the KLIST PURGE -li 0x3e7 cmdlet."; and
     * MicrosoftDocs/windowsserverdocs WindowsServerDocs/administration/windows-commands/klist.md gives "klist purge -li 0x3e7" as an example). Each purge is
     * told as a notice and kept as a journal record ({@code tickets-purged}, or {@code tickets-purge-failed}) for the
     * run's journal, which does not exist yet. A source whose purge fails has its moves left out, each with the fix.
     * Nothing is purged when the playbook's policy.purgeStaleTickets is false (preflight then blocks those moves).
     *
     * @return the ids of the moves left out
     */
    private Set<String> purgeStaleTickets(List<PlannedMove> moves, Facts facts, Playbook.Policy policy, List<ObjectNode> records,
                                          List<RunSummary.MoveResult> leftOut) {
        Set<String> failed = new java.util.HashSet<>();
        if (!policy.purgeStaleTickets()) {
            return failed;
        }
        Map<String, List<PlannedMove>> bySource = new java.util.LinkedHashMap<>();
        moves.stream().filter(m -> m.source() != null).forEach(m -> bySource.computeIfAbsent(m.source().name(), k -> new ArrayList<>()).add(m));
        Map<String, String> errors = purgeStale(bySource.keySet(), facts, "", records::add);
        errors.forEach((src, why) -> {
            for (PlannedMove m : bySource.get(src)) {
                failed.add(m.id());
                leftOut.add(new RunSummary.MoveResult(m.id(), m.vmName(), src, m.destination() == null ? "?" : m.destination().name(),
                        m.job().scenario().name(), MoveState.REFUSED, why, Duration.ZERO));
                events.moveRefused(m.id(), m.vmName(), why);
            }
        });
        return failed;
    }

    /**
     * Purges the tickets of each of {@code sources} that are stale in {@code facts}; each purge is told and given to
     * {@code record} as a journal record.
     *
     * @return the sources whose purge failed, each with the reason their moves cannot go ahead (with the fix)
     */
    private Map<String, String> purgeStale(java.util.Collection<String> sources, Facts facts, String runId,
                                           java.util.function.Consumer<ObjectNode> record) {
        Map<String, String> failed = new java.util.LinkedHashMap<>();
        for (String src : sources) {
            java.util.Optional<io.hvmigrate.check.StaleTickets> stale = io.hvmigrate.check.StaleTickets.of(facts, src);
            if (stale.isEmpty()) {
                continue;
            }
            io.hvmigrate.check.StaleTickets t = stale.get();
            events.notice(src + ": its computer account " + t.account() + " changed (" + t.whenChanged() + ") after " + src
                    + " obtained its tickets (" + t.tgtStart() + "): purging them (klist purge -li 0x3e7) before its first move");
            String error;
            try {
                error = switch (hosts.run(src, io.hvmigrate.powershell.DelegationScripts.purgeTicketsScript(), Duration.ofMinutes(2), true)) {
                    case io.hvmigrate.powershell.StepResult.Ok ok -> null;
                    case io.hvmigrate.powershell.StepResult.Failed f -> f.message();
                    case io.hvmigrate.powershell.StepResult.Unreadable u -> u.why();
                };
            } catch (TransportException x) {
                error = x.getMessage();
            }
            ObjectNode rec = Journal.record(clock, runId, error == null ? "tickets-purged" : "tickets-purge-failed");
            rec.put("host", src);
            rec.put("account", t.account());
            rec.put("whenChanged", t.whenChanged().toString());
            rec.put("tgtStart", t.tgtStart().toString());
            if (error != null) {
                rec.put("error", error);
            }
            record.accept(rec);
            if (error == null) {
                events.notice(src + ": tickets purged (klist purge -li 0x3e7): it acts on the delegation the directory holds now");
                continue;
            }
            failed.put(src, "delegation.stale-tickets: " + src + "'s tickets predate the change of its computer account and could not "
                    + "be purged (" + error + "); fix: on " + src + ": klist purge -li 0x3e7 (Invoke-Command -ComputerName " + src
                    + " { klist purge -li 0x3e7 }), or hvmigrate delegation apply, which purges");
        }
        return failed;
    }

    /** Resumes a run that did not finish: reconciles every unfinished move with the hosts, then goes on. */
    public Outcome resume(RunRecord record, Scheduler.Control control) throws IOException {
        // the original policy and window, as the journal keeps them (absolute): a resume before the window opens waits;
        // after it has closed, moves in flight are still settled, and nothing new starts
        try (Run run = new Run(policyFrom(record.runStart().path("policy")), null, control, null, hosts, events, clock)) {
            return resume(record, run);
        }
    }

    private Outcome resume(RunRecord record, Run run) throws IOException {
        Outcome early = run.awaitWindow(options.waitForWindow(), options.windowLead());
        if (early != null && !(early instanceof Outcome.WindowOver)) {
            return early;
        }
        // the hosts the run locked, as it verified them; a journal of an older version names none
        Set<String> involved = new LinkedHashSet<>();
        record.runStart().path("locks").forEach(k -> involved.add(k.asText()));
        if (involved.isEmpty()) {
            involved.addAll(lockKeys(record.jobs(), null));
        }
        Journal journal;
        try {
            journal = hold(run, record.runId(), involved, () -> Journal.open(record.dir(), record.runId(), clock));
        } catch (RunLock.Busy b) {
            return new Outcome.Busy(b.getMessage());
        }
        journal.append(journal.record("run-resumed"));
        Discovery.Result found = discover();
        Reconciler reconciler = new Reconciler(hosts, clock, options.limits().migrationFloor(), options.limits().pollInterval());
        List<MoveJob> todo = new ArrayList<>();
        Map<String, MoveExecutor.Start> starts = new HashMap<>();
        List<RunSummary.MoveResult> settled = new ArrayList<>();
        // ask the hosts about every unfinished move at once: a large wave has hundreds, each two round trips
        Map<String, java.util.concurrent.Future<Reconciler.Place>> asked = new HashMap<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (MoveJob j : record.jobs()) {
                MoveState last = record.lastState().get(j.id());
                if (!(last.terminal() && last != MoveState.NOT_STARTED)) {
                    asked.put(j.id(), pool.submit(() -> reconciler.locate(j)));
                }
            }
        }
        for (MoveJob j : record.jobs()) {
            MoveState last = record.lastState().get(j.id());
            if (last.terminal() && last != MoveState.NOT_STARTED) {
                settled.add(new RunSummary.MoveResult(j.id(), j.vmName(), j.source(), j.destination(), j.scenario().name(), last,
                        record.detail().getOrDefault(j.id(), "finished before the resume"), Duration.ZERO));
                continue;
            }
            try {
                Reconciler.Place place = answer(asked.get(j.id()));
                MoveExecutor.Start start = reconciler.resumeFrom(j, last == MoveState.NOT_STARTED ? MoveState.PENDING : last,
                        record.recordedRoles().get(j.id()), place);
                ObjectNode rec = journal.record("reconciled");
                rec.put("move", j.id());
                rec.put("place", place.name());
                rec.put("from", start == null ? null : start.state().name());
                journal.append(rec);
                if (start == null) {
                    settled.add(new RunSummary.MoveResult(j.id(), j.vmName(), j.source(), j.destination(), j.scenario().name(),
                            MoveState.FAILED_UNPROTECTED, "the VM is on neither " + j.source() + " nor " + j.destination() + ": look for it", Duration.ZERO));
                    continue;
                }
                todo.add(j);
                starts.put(j.id(), start);
            } catch (TransportException e) {
                settled.add(new RunSummary.MoveResult(j.id(), j.vmName(), j.source(), j.destination(), j.scenario().name(),
                        MoveState.NOT_STARTED, "could not ask the hosts where the VM is: " + e.getMessage() + "; resume again", Duration.ZERO));
            }
        }
        if (run.policy.purgeStaleTickets()) {
            // the moves still to start: their sources' tickets may have gone stale since the run was interrupted
            Set<String> sources = new LinkedHashSet<>();
            todo.stream().filter(j -> starts.get(j.id()).state() == MoveState.PENDING).forEach(j -> sources.add(j.source()));
            Map<String, String> failed = purgeStale(sources, found.facts(), record.runId(), journal::append);
            for (java.util.Iterator<MoveJob> it = todo.iterator(); it.hasNext(); ) {
                MoveJob j = it.next();
                if (starts.get(j.id()).state() == MoveState.PENDING && failed.containsKey(j.source())) {
                    it.remove();
                    settled.add(new RunSummary.MoveResult(j.id(), j.vmName(), j.source(), j.destination(), j.scenario().name(),
                            MoveState.NOT_STARTED, failed.get(j.source()) + "; then resume again", Duration.ZERO));
                }
            }
        }
        RunSummary summary = schedule(record.runId(), todo, starts, found.facts(), run, null, Set.of());
        List<RunSummary.MoveResult> all = new ArrayList<>(settled);
        all.addAll(summary.moves());
        all.sort(java.util.Comparator.comparing(RunSummary.MoveResult::id));
        RunSummary merged = new RunSummary(record.runId(), all, summary.elapsed(), summary.roundTrips(), summary.notStartedBecause(), summary.interrupted());
        return finish(journal, record.dir(), merged, null);
    }

    /** An instant as the operator reads it: ISO-8601 local time with its offset, in the playbook's zone or this host's. */
    public static String local(Instant t, java.time.ZoneId zone) {
        return t.atZone(zone != null ? zone : java.time.ZoneId.systemDefault()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME) + (zone != null ? " (" + zone + ")" : "");
    }

    /** Opens a run's journal. */
    @FunctionalInterface
    private interface JournalOpening {
        Journal open() throws IOException;
    }

    /** Takes the lock on the run's hosts, then opens its journal: the run holds both until it closes. */
    private Journal hold(Run run, String runId, Set<String> involved, JournalOpening opening) throws IOException, RunLock.Busy {
        RunLock lock = RunLock.acquire(options.runsDir(), runId, List.copyOf(involved));
        try {
            return run.hold(lock, opening.open());
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The place a reconciliation found, with its transport failure as thrown by the call itself. */
    private static Reconciler.Place answer(java.util.concurrent.Future<Reconciler.Place> f) throws TransportException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof TransportException t) {
                throw t;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the hosts where the VMs are", e);
        }
    }

    private RunSummary schedule(String runId, List<MoveJob> jobs, Map<String, MoveExecutor.Start> starts, Facts facts,
                                Run run, Plan plan, Set<String> takenOver) {
        Playbook.Policy policy = run.policy;
        Journal journal = run.journal();
        events.runStarted(runId, jobs.size() + (plan == null ? 0 : (int) plan.count(Classification.AlreadyInPlace.class) - takenOver.size()));
        if (plan != null) {
            for (PlannedMove m : plan.moves()) {
                if (m.outcome() instanceof Classification.AlreadyInPlace a && !takenOver.contains(m.id())) {
                    events.notice(m.vmName() + ": " + a.reason());
                }
            }
        }
        MoveExecutor executor = new MoveExecutor(hosts, journal, events, clock, options.limits());
        List<Scheduler.Item> items = jobs.stream().map(j -> new Scheduler.Item(j, estimate(j), starts.get(j.id()))).toList();
        RunSummary s = new Scheduler(clock, events, hosts::accepting).run(runId, items, caps(policy, facts), run.window,
                policy.failureBudget().allowedFailures(jobs.size()), executor::execute, run.control, hosts::roundTrips,
                j -> {
                    ObjectNode rec = journal.record("state");
                    rec.put("move", j.id());
                    rec.put("from", "PENDING");
                    rec.put("to", MoveState.NOT_STARTED.name());
                    journal.append(rec);
                });
        if (plan != null) {
            List<RunSummary.MoveResult> all = new ArrayList<>(s.moves());
            for (PlannedMove m : plan.moves()) {
                if (m.outcome() instanceof Classification.AlreadyInPlace a && !takenOver.contains(m.id())) {
                    all.add(new RunSummary.MoveResult(m.id(), m.vmName(), m.source() == null ? "?" : m.source().name(),
                            m.destination() == null ? "?" : m.destination().name(), "-", MoveState.SKIPPED, a.reason(), Duration.ZERO));
                }
            }
            all.sort(java.util.Comparator.comparing(RunSummary.MoveResult::id));
            s = new RunSummary(s.runId(), all, s.elapsed(), s.roundTrips(), s.notStartedBecause(), s.interrupted());
        }
        return s;
    }

    private Outcome finish(Journal journal, Path runDir, RunSummary summary, Plan plan) throws IOException {
        ObjectNode end = journal.record("run-end");
        end.put("exitCode", summary.exitCode());
        ObjectNode counts = end.putObject("states");
        summary.counts().forEach((k, v) -> counts.put(k.name(), v));
        journal.append(end);
        Path report = runDir.resolve("report.json");
        Files.writeString(report, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                RunReport.json(summary, RunReport.retries(runDir.resolve(io.hvmigrate.journal.Journal.FILE_NAME)))), StandardCharsets.UTF_8);
        events.runFinished(summary);
        return new Outcome.Finished(summary, runDir, plan);
    }

    /** Expected duration: the bytes to copy over the expected throughput, and a minute of overhead. */
    Duration estimate(MoveJob j) {
        return Duration.ofMillis((long) (j.bytesToCopy() / options.limits().bytesPerSecond() * 1000)).plusSeconds(j.scenario().inCluster() ? 5 : 15);
    }

    static Scheduler.Caps caps(Playbook.Policy policy, Facts facts) {
        Map<String, Integer> limit = new HashMap<>();
        for (Facts.HostFacts h : facts.hosts()) {
            int l = h.migration().maximumVirtualMachineMigrations();
            if (h.cluster() != null) {
                int mpm = facts.cluster(h.cluster()).map(Facts.ClusterFacts::maximumParallelMigrations).orElse(0);
                if (mpm > 0) {
                    l = mpm;   // the cluster property replaces the host value on every node
                }
            }
            limit.put(h.name(), Math.max(1, l));
        }
        return new Scheduler.Caps(policy.concurrency().global(), policy.concurrency().perSource(), policy.concurrency().perDestination(), limit);
    }

    /** The policy as the journal keeps it: the window as absolute times, so a resumed run keeps the same window. */
    private ObjectNode policyRecord(Run run) {
        Playbook.Policy p = run.policy;
        ObjectNode o = JSON.createObjectNode();
        o.put("global", p.concurrency().global());
        o.put("perSource", p.concurrency().perSource());
        o.put("perDestination", p.concurrency().perDestination());
        o.put("retryAttempts", p.retries().attempts());
        o.put("retryBackoff", p.retries().backoff().toString());
        o.put("failureBudget", p.failureBudget().count());
        o.put("purgeStaleTickets", p.purgeStaleTickets());
        if (p.failureBudget().percent() != null) {
            o.put("failureBudgetPercent", p.failureBudget().percent());
        }
        if (run.window != null) {
            Playbook.Window.Resolved w = run.window;
            o.put("windowStart", w.start().toString());
            o.put("windowEnd", w.end().toString());
            o.put("windowCutoff", w.cutoff().toString());
            o.put("atDeadline", w.atDeadline().name());
        }
        return o;
    }

    private static Playbook.Policy policyFrom(com.fasterxml.jackson.databind.JsonNode o) {
        Playbook.Policy d = Playbook.Policy.defaults();
        if (o == null || o.isMissingNode()) {
            return d;
        }
        Playbook.Window window = null;
        if (o.has("windowEnd")) {
            window = new Playbook.Window(java.time.Instant.parse(o.path("windowStart").asText()), java.time.Instant.parse(o.path("windowEnd").asText()),
                    null, java.time.Instant.parse(o.path("windowCutoff").asText()), null, Playbook.DeadlineAction.valueOf(o.path("atDeadline").asText()));
        }
        return new Playbook.Policy(d.authentication(), d.migrationNetwork(),
                new Playbook.Concurrency(o.path("global").asInt(d.concurrency().global()), o.path("perSource").asInt(d.concurrency().perSource()),
                        o.path("perDestination").asInt(d.concurrency().perDestination())),
                new Playbook.Retries(o.path("retryAttempts").asInt(d.retries().attempts()),
                        o.has("retryBackoff") ? Duration.parse(o.path("retryBackoff").asText()) : d.retries().backoff()),
                new Playbook.FailureBudget(o.path("failureBudget").asInt(0), o.has("failureBudgetPercent") ? o.path("failureBudgetPercent").asInt() : null),
                window, d.ha(), o.path("purgeStaleTickets").asBoolean(true));
    }

    /**
     * What the run locks: each host its moves act on, by its identity as discovery verified it (the FQDN the host gave,
     * which is its inventory entry's, lower-case), so that two inventory names for one host, in one inventory or two,
     * take one lock.
     *
     * @param facts what discovery read; null: the inventory's FQDNs
     */
    private Set<String> lockKeys(List<MoveJob> jobs, Facts facts) {
        Set<String> s = new java.util.TreeSet<>();
        jobs.forEach(j -> {
            s.add(lockKey(j.source(), facts));
            s.add(lockKey(j.destination(), facts));
        });
        return s;
    }

    private String lockKey(String host, Facts facts) {
        String fqdn = facts == null ? null : facts.hosts().stream().filter(h -> h.answersTo(host)).map(Facts.HostFacts::fqdn)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (fqdn == null) {
            fqdn = inventory.host(host).map(Inventory.HostEndpoint::fqdn).orElse(host);
        }
        return fqdn.toLowerCase(Locale.ROOT);
    }

    /** A move an earlier run of the playbook left on its destination without the role it should have there. */
    private record Unprotected(MoveJob job, MoveJob.Role role, String runId) {}

    /** A VM found in place on a cluster node without being a clustered role: an earlier run may have left it so. */
    private static boolean mayBeLeftUnprotected(PlannedMove m) {
        return m.vm() != null && m.vm().group() == null && m.destination() != null && m.destination().cluster() != null;
    }

    /** The runs of this playbook (same name and file), newest first. */
    private List<RunRecord> earlierRuns(Playbook playbook) throws IOException {
        List<Path> runs = new ArrayList<>(RunRecord.list(options.runsDir()));
        java.util.Collections.reverse(runs);
        List<RunRecord> out = new ArrayList<>();
        for (Path p : runs) {
            try {
                RunRecord r = RunRecord.read(p);
                if (Names.same(r.playbookName(), playbook.name()) && r.playbookFile().equals(String.valueOf(playbook.file().toAbsolutePath()))) {
                    out.add(r);
                }
            } catch (IOException e) {
                // a run folder without a readable journal tells nothing
            }
        }
        return out;
    }

    /**
     * The VM of a move the plan finds in place is on a node of a cluster but not a clustered role: if an earlier run of
     * this playbook moved it there to make it highly available and could not, that move is not over. Its job (with the
     * role's group, priority and preferred owners) goes on from the migration's end.
     */
    private static Unprotected leftUnprotected(PlannedMove m, List<RunRecord> earlier) {
        for (RunRecord r : earlier) {
            for (MoveJob j : r.jobs()) {
                MoveState last = r.lastState().get(j.id());
                if (j.vmId().equalsIgnoreCase(m.vm().id()) && j.scenario().addsHa() && Names.same(j.destination(), m.destination().name())
                        && (last == MoveState.FAILED_UNPROTECTED || last == MoveState.FAILED_AFTER_MOVE || last == MoveState.MIGRATED)) {
                    return new Unprotected(j, r.recordedRoles().get(j.id()), r.runId());
                }
            }
        }
        return null;
    }

    private RunRecord latestUnfinished(Playbook playbook) throws IOException {
        RunRecord latest = null;
        for (Path p : RunRecord.list(options.runsDir())) {
            RunRecord r;
            try {
                r = RunRecord.read(p);
            } catch (IOException e) {
                if (p.getFileName().toString().contains("-" + playbook.name())) {
                    // it may be an unfinished run of this playbook: going on without it could act on a half-done move blindly
                    throw new IOException("the journal of run " + p.getFileName() + " cannot be read (" + e.getMessage()
                            + "); if that run is not of this playbook or is over, move its folder out of " + options.runsDir(), e);
                }
                events.notice("ignoring run " + p.getFileName() + ": its journal cannot be read (" + e.getMessage() + ")");
                continue;
            }
            if (!r.finished() && Names.same(r.playbookName(), playbook.name())
                    && r.playbookFile().equals(String.valueOf(playbook.file().toAbsolutePath()))) {
                latest = r;
            }
        }
        return latest;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
