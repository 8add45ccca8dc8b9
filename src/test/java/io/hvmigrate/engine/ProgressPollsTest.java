package io.hvmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.model.Inventory;
import io.hvmigrate.plan.MoveJob;
import io.hvmigrate.powershell.StepScript;
import io.hvmigrate.transport.HostSession;
import io.hvmigrate.transport.RemoteOutput;
import io.hvmigrate.transport.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Progress polls against a scripted transport: one query per source host serves every migration running from it. */
@Timeout(30)
class ProgressPollsTest {

    /** Answers every script with the host's migration jobs, and counts the calls per host. */
    static final class JobsTransport implements Transport {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final Map<String, String> jobsJson = new ConcurrentHashMap<>();

        @Override
        public HostSession open(Inventory.HostEndpoint host) {
            return new HostSession() {
                @Override
                public String host() {
                    return host.name();
                }

                @Override
                public RemoteOutput run(StepScript script, Duration deadline) {
                    calls.computeIfAbsent(host.name(), h -> new AtomicInteger()).incrementAndGet();
                    return new RemoteOutput(0, "{\"ok\":true,\"data\":{\"jobs\":" + jobsJson.getOrDefault(host.name(), "[]") + "}}\n", "");
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public List<String> warnings() {
            return List.of();
        }

        @Override
        public void close() {}
    }

    private static Inventory inventory(String... hosts) {
        return new Inventory(Path.of("inventory.yaml"), null, java.util.Arrays.stream(hosts)
                .map(h -> new Inventory.HostEndpoint(h, h + ".lab.test", h.toUpperCase(), "127.0.0.1", Inventory.Transport.HTTPS, 5986,
                        Inventory.Auth.NTLM, "LAB\\svc", null, false))
                .toList(), List.of(), List.of());
    }

    private static MoveJob job(String id, String vmId, String src) {
        return new MoveJob(id, vmId, "vm-" + id, src, src.toUpperCase(), null, "d1", "d1.lab.test", "D1", null,
                io.hvmigrate.plan.Scenario.S3, null, null, null, null, "Running", 1L << 30, 0);
    }

    @Test
    void migrationsFromOneHostShareOnePollAndEachHearsItsOwnPercent() throws Exception {
        JobsTransport transport = new JobsTransport();
        transport.jobsJson.put("s1", "[{\"vmId\":\"AAAA\",\"percent\":40,\"jobState\":4},{\"vmId\":\"bbbb\",\"percent\":70,\"jobState\":4}]");
        Map<String, Integer> heard = new ConcurrentHashMap<>();
        AtomicInteger reports = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(10);
        RunEvents events = new RunEvents() {
            @Override
            public void progress(MoveJob job, int percent) {
                heard.put(job.id(), percent);
                reports.incrementAndGet();
                enough.countDown();
            }
        };
        try (HostConnections hosts = new HostConnections(transport, inventory("s1", "d1"), HostConnections.Settings.DEFAULT)) {
            ProgressPolls polls = new ProgressPolls(hosts, events, Duration.ofMillis(2), Duration.ofSeconds(5));
            try (ProgressPolls.Watch a = polls.watch(job("a", "aaaa", "s1")); ProgressPolls.Watch b = polls.watch(job("b", "BBBB", "s1"))) {
                assertThat(enough.await(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(polls.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(heard).containsEntry("a", 40).containsEntry("b", 70);
        // every poll of s1 answered both migrations (the first may have run before the second watch began)
        int calls = transport.calls.get("s1").get();
        assertThat(reports.get()).isGreaterThanOrEqualTo(2 * calls - 2);
    }

    @Test
    void aClosedWatchHearsNothingMoreAndTheHostsPollerStops() throws Exception {
        JobsTransport transport = new JobsTransport();
        transport.jobsJson.put("s1", "[{\"vmId\":\"aaaa\",\"percent\":10,\"jobState\":4}]");
        AtomicInteger reports = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        RunEvents events = new RunEvents() {
            @Override
            public void progress(MoveJob job, int percent) {
                reports.incrementAndGet();
                first.countDown();
            }
        };
        try (HostConnections hosts = new HostConnections(transport, inventory("s1", "d1"), HostConnections.Settings.DEFAULT)) {
            ProgressPolls polls = new ProgressPolls(hosts, events, Duration.ofMillis(2), Duration.ofSeconds(5));
            ProgressPolls.Watch w = polls.watch(job("a", "aaaa", "s1"));
            assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
            w.close();
            int afterClose = reports.get();
            assertThat(polls.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(reports.get()).isEqualTo(afterClose);
        }
    }

    @Test
    void pollsOnlyTheSourcesOfWatchedMigrations() throws Exception {
        JobsTransport transport = new JobsTransport();
        CountDownLatch polled = new CountDownLatch(3);
        RunEvents events = RunEvents.NONE;
        try (HostConnections hosts = new HostConnections(new Transport() {
            @Override
            public HostSession open(Inventory.HostEndpoint host) {
                HostSession inner = transport.open(host);
                return new HostSession() {
                    @Override
                    public String host() {
                        return inner.host();
                    }

                    @Override
                    public RemoteOutput run(StepScript script, Duration deadline) throws io.hvmigrate.transport.TransportException {
                        polled.countDown();
                        return inner.run(script, deadline);
                    }

                    @Override
                    public void close() {}
                };
            }

            @Override
            public List<String> warnings() {
                return List.of();
            }

            @Override
            public void close() {}
        }, inventory("s1", "s2", "d1"), HostConnections.Settings.DEFAULT)) {
            ProgressPolls polls = new ProgressPolls(hosts, events, Duration.ofMillis(2), Duration.ofSeconds(5));
            try (ProgressPolls.Watch w = polls.watch(job("a", "aaaa", "s1"))) {
                assertThat(polled.await(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(polls.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(transport.calls).containsOnlyKeys("s1");
    }
}
