package io.hvmigrate.model;

import io.hvmigrate.load.Location;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A named run of moves under one policy.
 *
 * @param file  where it was read from
 * @param moves what to move, in the order written (the scheduler decides the execution order)
 */
public record Playbook(Path file, String name, String description, Policy policy, List<MoveSpec> moves) {

    public Playbook {
        moves = List.copyOf(moves);
    }

    /** One entry of {@code moves}: a VM, a drain or a selection. */
    public sealed interface MoveSpec {
        Location location();

        /** Per-entry permission to leave a highly available VM unprotected on a standalone host; null = policy. */
        Boolean allowUnprotected();
    }

    /**
     * Move one VM.
     *
     * @param from        the host it is on, when the name alone is ambiguous; null otherwise
     * @param to          a host, or a cluster (then its least-loaded node that is Up)
     * @param storagePath where the VM's files go on the destination; null lets the planner choose
     */
    public record VmMove(Location location, String vm, String from, String to, String storagePath,
                         Boolean allowUnprotected) implements MoveSpec {}

    /**
     * Move every VM off a host.
     *
     * @param to          destinations to spread over; empty means the other Up nodes of its cluster
     * @param storageRoot a folder under which each VM gets its own folder, when storage must move
     */
    public record Drain(Location location, String host, List<String> to, String storageRoot,
                        Boolean allowUnprotected) implements MoveSpec {
        public Drain {
            to = List.copyOf(to);
        }
    }

    /**
     * Move the VMs whose names match the globs, found on a host or on the nodes of a cluster.
     *
     * @param names globs: {@code *} any run of characters, {@code ?} one character; case-insensitive
     */
    public record Select(Location location, String host, String cluster, List<String> names, List<String> to,
                         String storageRoot, Boolean allowUnprotected) implements MoveSpec {
        public Select {
            names = List.copyOf(names);
            to = List.copyOf(to);
        }
    }

    /**
     * @param authentication    which live-migration authentication the run accepts
     * @param migrationNetwork  the dedicated network live migration must use, or null when not pinned
     * @param failureBudget     failed moves tolerated before no new move starts
     * @param purgeStaleTickets whether run purges the computer account's tickets ({@code klist purge -li 0x3e7}) on a
     *                          source whose delegation changed after it obtained them, before its first move (default);
     *                          when false, run refuses those moves (finding delegation.stale-tickets, blocking)
     */
    public record Policy(Authentication authentication, Cidr migrationNetwork, Concurrency concurrency,
                         Retries retries, FailureBudget failureBudget, Window window, Ha ha, boolean purgeStaleTickets) {

        public Policy(Authentication authentication, Cidr migrationNetwork, Concurrency concurrency,
                      Retries retries, FailureBudget failureBudget, Window window, Ha ha) {
            this(authentication, migrationNetwork, concurrency, retries, failureBudget, window, ha, true);
        }

        public static Policy defaults() {
            return new Policy(Authentication.KERBEROS, null, Concurrency.DEFAULT, Retries.DEFAULT,
                    FailureBudget.DEFAULT, null, Ha.DEFAULT, true);
        }
    }

    /** Kerberos (constrained delegation) is the default; CredSSP only when a playbook names it. */
    public enum Authentication { KERBEROS, CREDSSP }

    /**
     * Caps on simultaneous moves. The engine never exceeds a host's MaximumVirtualMachineMigrations or a cluster's
     * MaximumParallelMigrations either.
     */
    public record Concurrency(int global, int perSource, int perDestination) {
        public static final Concurrency DEFAULT = new Concurrency(8, 2, 2);
    }

    /** Retries of idempotent steps after transient failures. */
    public record Retries(int attempts, Duration backoff) {
        public static final Retries DEFAULT = new Retries(3, Duration.ofSeconds(5));
    }

    /** Either a number of failed moves or a percentage of all moves (rounded down, at least 0). */
    public record FailureBudget(int count, Integer percent) {
        public static final FailureBudget DEFAULT = new FailureBudget(0, null);

        public int allowedFailures(int totalMoves) {
            return percent == null ? count : (totalMoves * percent) / 100;
        }

        @Override
        public String toString() {
            return percent == null ? Integer.toString(count) : percent + "%";
        }
    }

    /**
     * The maintenance window. Absolute ({@code start}/{@code end}), relative to when the run starts ({@code duration}),
     * or recurring ({@code every}, e.g. Sundays 01:00–05:00 in {@code zone}); {@code cutoff} is the last moment a new
     * move may start, absolute or as a time before the end. {@code zone} is the zone the playbook wrote local times in
     * (null: every time carried its own offset).
     */
    public record Window(Instant start, Instant end, Duration duration, Instant cutoffAt, Duration cutoffBefore,
                         DeadlineAction atDeadline, java.time.ZoneId zone, Weekly every) {

        public Window(Instant start, Instant end, Duration duration, Instant cutoffAt, Duration cutoffBefore, DeadlineAction atDeadline) {
            this(start, end, duration, cutoffAt, cutoffBefore, atDeadline, null, null);
        }

        /**
         * The window as it applies to a run that starts at {@code now}. A recurring window resolves to the occurrence
         * open at {@code now}, or else the next one.
         */
        public Resolved resolve(Instant now) {
            Instant s;
            Instant e;
            if (every != null) {
                Instant[] occurrence = every.occurrence(now, zone == null ? java.time.ZoneOffset.UTC : zone);
                s = occurrence[0];
                e = occurrence[1];
            } else {
                s = start != null ? start : now;
                e = end != null ? end : s.plus(duration);
            }
            Instant c = cutoffAt != null ? cutoffAt : cutoffBefore != null ? e.minus(cutoffBefore) : e;
            return new Resolved(s, e, c, atDeadline);
        }

        public record Resolved(Instant start, Instant end, Instant cutoff, DeadlineAction atDeadline) {
            /** True when the window has not opened at {@code now}. */
            public boolean notYetOpen(Instant now) {
                return now.isBefore(start);
            }

            /** True when the window has closed at {@code now}. */
            public boolean over(Instant now) {
                return !now.isBefore(end);
            }
        }
    }

    /**
     * A weekly recurring window: on each of {@code days}, from {@code from} to {@code to} local time ({@code to} at or
     * before {@code from}: it ends the next day, e.g. Sat 22:00-02:00).
     */
    public record Weekly(java.util.Set<java.time.DayOfWeek> days, java.time.LocalTime from, java.time.LocalTime to) {
        public Weekly {
            days = java.util.Set.copyOf(days);
        }

        /** The occurrence open at {@code now}, or else the next one: {start, end}. */
        Instant[] occurrence(Instant now, java.time.ZoneId zone) {
            java.time.LocalDate today = now.atZone(zone).toLocalDate();
            // yesterday's occurrence may still be open (it may cross midnight); a week and a day ahead finds the next
            for (java.time.LocalDate d = today.minusDays(1); !d.isAfter(today.plusDays(8)); d = d.plusDays(1)) {
                if (!days.contains(d.getDayOfWeek())) {
                    continue;
                }
                Instant s = d.atTime(from).atZone(zone).toInstant();
                Instant e = (to.isAfter(from) ? d : d.plusDays(1)).atTime(to).atZone(zone).toInstant();
                if (now.isBefore(e)) {
                    return new Instant[] {s, e};
                }
            }
            throw new IllegalStateException("a weekly window with no day: " + this);
        }

        @Override
        public String toString() {
            return days.stream().sorted().map(x -> x.getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ROOT))
                    .collect(java.util.stream.Collectors.joining(",")) + " " + from + "-" + to;
        }
    }

    /** What happens to moves still running when the window ends. */
    public enum DeadlineAction { FINISH, CANCEL }

    /**
     * Highly-available VMs.
     *
     * @param makeHighlyAvailable add the VM role on the destination cluster after a move into a cluster
     * @param keepPriority        give the new role the priority the VM had on its source cluster
     * @param allowUnprotected    permit moving a highly available VM to a standalone host, where it is not protected
     */
    public record Ha(boolean makeHighlyAvailable, boolean keepPriority, boolean allowUnprotected) {
        public static final Ha DEFAULT = new Ha(true, true, false);
    }
}
