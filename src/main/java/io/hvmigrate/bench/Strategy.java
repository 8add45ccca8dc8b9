package io.hvmigrate.bench;

import io.hvmigrate.engine.RunService;
import io.hvmigrate.engine.Scheduler;
import io.hvmigrate.plan.MoveJob;
import io.hvmigrate.plan.Plan;
import io.hvmigrate.plan.StepBook;
import io.hvmigrate.powershell.StepResult;
import io.hvmigrate.transport.TransportException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A way of carrying out the wave on a fresh fleet. */
sealed interface Strategy {

    String name();

    /** Work done before the clock starts (a script's list of moves is written before the window opens). */
    default Plan prepare(BenchLab lab) {
        return null;
    }

    /** Carries the wave out; returns the WinRM round trips it made and what went wrong, as the strategy saw it. */
    Outcome carryOut(BenchLab lab, Plan prepared) throws IOException;

    record Outcome(long roundTrips, List<String> failures) {}

    /** hvmigrate itself: discovery, planning, scheduling, every step journalled, verification, all in the measured time. */
    record Engine() implements Strategy {
        @Override
        public String name() {
            return "engine";
        }

        @Override
        public Outcome carryOut(BenchLab lab, Plan prepared) throws IOException {
            try (BenchLab.Connections c = lab.connect()) {
                RunService.Outcome o = lab.runService(c.hosts(), "runs").run(lab.playbook(), new Scheduler.Control());
                List<String> failures = new ArrayList<>();
                switch (o) {
                    case RunService.Outcome.Finished f -> f.summary().moves().stream()
                            .filter(m -> m.state() != io.hvmigrate.engine.MoveState.DONE)
                            .forEach(m -> failures.add(m.vm() + ": " + m.state() + " " + m.detail()));
                    case RunService.Outcome.Refused r -> failures.add("the engine refused the wave: "
                            + r.plan().moves().stream().filter(m -> !m.planned()).map(m -> m.vmName() + " (" + m.outcome() + ")").toList());
                    case RunService.Outcome.PreflightRefused r -> failures.add("preflight refused the wave: "
                            + r.report().findings().stream().filter(x -> x.severity() == io.hvmigrate.check.Finding.Severity.BLOCKING)
                            .map(x -> x.move() + " " + x.id()).toList());
                    case RunService.Outcome.Busy b -> failures.add(b.message());
                    case RunService.Outcome.Unreachable u -> failures.add("no host could be read: " + u.hosts());
                    case RunService.Outcome.WindowNotOpen w -> failures.add("the window has not opened");
                    case RunService.Outcome.WindowOver w -> failures.add("the window is over");
                    case RunService.Outcome.StoppedBeforeStart w -> failures.add("stopped before the start");
                    case RunService.Outcome.ApprovalExpired x -> failures.add("the approved plan expired");
                }
                return new Outcome(c.hosts().roundTrips(), failures);
            }
        }
    }

    /**
     * What a PowerShell script does: {@code batch} moves started together, each one Move-VM (or
     * Move-ClusterVirtualMachineRole) sent over WinRM and waited for, the next batch only when the whole batch has
     * ended, in the order the list gives. A batch of one is the usual {@code foreach ... Move-VM} loop.
     */
    record Scripted(int batch) implements Strategy {
        public Scripted {
            if (batch < 1) {
                throw new IllegalArgumentException("--batch must be at least 1");
            }
        }

        @Override
        public String name() {
            return batch == 1 ? "sequential" : "batches of " + batch;
        }

        @Override
        public Plan prepare(BenchLab lab) {
            return lab.plan();
        }

        @Override
        public Outcome carryOut(BenchLab lab, Plan plan) {
            List<MoveJob> jobs = BenchLab.jobs(plan);
            List<String> failures = new ArrayList<>();
            plan.moves().stream().filter(m -> !m.planned()).forEach(m -> failures.add(m.vmName() + ": not planned: " + m.outcome()));
            try (BenchLab.Connections c = lab.connect(); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int from = 0; from < jobs.size(); from += batch) {
                    List<Future<String>> running = new ArrayList<>();
                    for (MoveJob j : jobs.subList(from, Math.min(jobs.size(), from + batch))) {
                        running.add(pool.submit(() -> move(c, j)));
                    }
                    for (Future<String> f : running) {
                        try {
                            String failure = f.get();
                            if (failure != null) {
                                failures.add(failure);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            failures.add("interrupted");
                            return new Outcome(c.hosts().roundTrips(), failures);
                        } catch (java.util.concurrent.ExecutionException e) {
                            failures.add(String.valueOf(e.getCause()));
                        }
                    }
                }
                return new Outcome(c.hosts().roundTrips(), failures);
            }
        }

        /** One command per move, the migration step as the engine would send it; null when it succeeded. */
        private static String move(BenchLab.Connections c, MoveJob j) {
            var step = StepBook.migrate(j);
            try {
                StepResult r = c.hosts().run(step.host(), step.script(), Duration.ofHours(1), false);
                return r instanceof StepResult.Ok ? null : j.vmName() + ": " + r;
            } catch (TransportException e) {
                return j.vmName() + ": " + e.getMessage();
            }
        }
    }
}
