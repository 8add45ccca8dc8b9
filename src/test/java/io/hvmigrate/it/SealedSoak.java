package io.hvmigrate.it;

import io.hvmigrate.load.InventoryFormat;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.powershell.StepScript;
import io.hvmigrate.transport.HostSession;
import io.hvmigrate.transport.RemoteOutput;
import io.hvmigrate.transport.Secrets;
import io.hvmigrate.transport.WinRmTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's transport under load, in a process of its own (its Kerberos login is process-wide): SEQUENTIAL calls
 * in one session on one host, then CONCURRENT calls shared among 20 sessions opened at once (within Windows'
 * MaxShellsPerUser of 30). Each call is a Command and its
 * Receives; each session a Create and a Delete. Prints {@code sequential=N concurrent=M failures=F} and the first
 * failures; exits 0 only when every call answered as it should.
 *
 * <p>Usage: SealedSoak INVENTORY HOST SEQUENTIAL CONCURRENT
 */
public final class SealedSoak {
    private static final int SESSIONS = 20;
    private SealedSoak() {
    }

    public static void main(String[] args) throws Exception {
        Inventory inventory = InventoryFormat.load(Path.of(args[0]));
        Inventory.HostEndpoint host = inventory.host(args[1]).orElseThrow();
        int sequential = Integer.parseInt(args[2]);
        int concurrent = Integer.parseInt(args[3]);
        StepScript script = new StepScript("$env:COMPUTERNAME", "$env:COMPUTERNAME");
        String expected = host.name().toUpperCase(java.util.Locale.ROOT);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger sequentialOk = new AtomicInteger();
        AtomicInteger concurrentOk = new AtomicInteger();
        try (WinRmTransport transport = new WinRmTransport(inventory, new Secrets(System.getenv(), w -> { }),
                WinRmTransport.Settings.DEFAULT)) {
            try (HostSession session = transport.open(host)) {
                for (int i = 0; i < sequential; i++) {
                    check(session, script, expected, sequentialOk, failures, "call " + i);
                }
            }
            // at once, as many sessions as Windows lets one user hold shells (MaxShellsPerUser, 30 by default) with
            // room to spare, the calls shared among them
            int sessions = Math.min(SESSIONS, concurrent);
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                int calls = concurrent / sessions + (i < concurrent % sessions ? 1 : 0);
                String name = "session " + i;
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        try (HostSession session = transport.open(host)) {
                            for (int c = 0; c < calls; c++) {
                                check(session, script, expected, concurrentOk, failures, name + " call " + c);
                            }
                        }
                    } catch (Exception e) {
                        failures.add(name + ": " + e);
                    }
                }));
            }
            start.countDown();
            for (Thread t : threads) {
                t.join(Duration.ofMinutes(3));
            }
        }
        System.out.println("sequential=" + sequentialOk.get() + " concurrent=" + concurrentOk.get()
                + " failures=" + failures.size());
        failures.stream().limit(5).forEach(f -> System.out.println("failure: " + f));
        System.exit(failures.isEmpty() && sequentialOk.get() == sequential && concurrentOk.get() == concurrent ? 0 : 1);
    }

    private static void check(HostSession session, StepScript script, String expected, AtomicInteger ok,
                              ConcurrentLinkedQueue<String> failures, String what) {
        try {
            RemoteOutput out = session.run(script, Duration.ofSeconds(60));
            if (out.exitCode() == 0 && out.stdout().strip().equals(expected)) {
                ok.incrementAndGet();
            } else {
                failures.add(what + ": exit " + out.exitCode() + ", stdout '" + out.stdout().strip() + "'");
            }
        } catch (Exception e) {
            failures.add(what + ": " + e);
        }
    }
}
