package io.hvmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvmigrate.model.Inventory;
import io.hvmigrate.plan.MoveJob;
import io.hvmigrate.powershell.StepScript;
import io.hvmigrate.transport.HostSession;
import io.hvmigrate.transport.RemoteOutput;
import io.hvmigrate.transport.Transport;
import io.hvmigrate.transport.TransportException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where a resume finds a VM, from scripted answers of its two hosts (the order they are asked in: destination, source). */
@Timeout(30)
class ReconcilerTest {
    private static final String ABSENT = "{\"ok\":true,\"data\":{\"present\":false,\"migrating\":false}}";
    private static final String PRESENT = "{\"ok\":true,\"data\":{\"present\":true,\"state\":\"Running\",\"clustered\":false,\"migrating\":false}}";
    /** Not an output: the call fails, its answer lost. */
    private static final String LOST = "lost";
    private static final String BROKEN = "{\"ok\":false,\"error\":{\"message\":\"Get-CimInstance failed\",\"category\":\"NotSpecified\",\"hresult\":-2147467259}}";

    /** Each host answers its queued outputs in turn, then keeps repeating the last. */
    static final class ScriptedHosts implements Transport {
        final Map<String, Deque<String>> answers = new ConcurrentHashMap<>();

        ScriptedHosts answer(String host, String... outputs) {
            answers.put(host, new ArrayDeque<>(List.of(outputs)));
            return this;
        }

        @Override
        public HostSession open(Inventory.HostEndpoint host) {
            return new HostSession() {
                @Override
                public String host() {
                    return host.name();
                }

                @Override
                public RemoteOutput run(StepScript script, Duration deadline) throws TransportException {
                    Deque<String> q = answers.get(host.name());
                    String out;
                    synchronized (q) {
                        out = q.size() > 1 ? q.poll() : q.peek();
                    }
                    if (LOST.equals(out)) {
                        throw new TransportException(TransportException.Kind.OUTCOME_UNKNOWN, host.name(), "the answer was lost", null);
                    }
                    return new RemoteOutput(0, out + "\n", "");
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

    private static final MoveJob JOB = new MoveJob("m1", "6f0c0c39-6a27-4b5e-9b6e-0c2f3c9a0101", "vm1", "s1", "S1", null, "d1", "d1.lab.test",
            "D1", null, io.hvmigrate.plan.Scenario.S4, "D:\\VMs\\vm1", null, null, null, "Running", 1L << 30, 1L << 30);

    private static Reconciler.Place locate(ScriptedHosts hosts, Duration limit) throws TransportException {
        // a breaker that opens for 100 ms, so that waiting it out fits the test's time
        HostConnections.Settings quick = new HostConnections.Settings(16, Duration.ofMinutes(1), 10, 50f, Duration.ofMillis(100), 1,
                Duration.ofMillis(1), Duration.ofSeconds(10), Duration.ofSeconds(1));
        try (HostConnections c = new HostConnections(hosts, inventory("s1", "d1"), quick)) {
            return new Reconciler(c, Clock.systemUTC(), limit, Duration.ofMillis(5)).locate(JOB);
        }
    }

    @Test
    void aVmThatArrivesBetweenTheTwoQuestionsIsFoundOnItsDestinationNotLost() throws Exception {
        // first pair: the destination does not have it yet, the source no longer has it; asked again, it is there
        ScriptedHosts hosts = new ScriptedHosts().answer("d1", ABSENT, PRESENT).answer("s1", ABSENT);

        assertThat(locate(hosts, Duration.ofSeconds(5))).isEqualTo(Reconciler.Place.DESTINATION);
    }

    @Test
    void aVmOnNeitherHostTwiceInARowIsNowhere() throws Exception {
        ScriptedHosts hosts = new ScriptedHosts().answer("d1", ABSENT).answer("s1", ABSENT);

        assertThat(locate(hosts, Duration.ofSeconds(5))).isEqualTo(Reconciler.Place.NOWHERE);
    }

    @Test
    void aCallThatFailsSaysNothingTheHostIsAskedAgainUntilItAnswers() throws Exception {
        ScriptedHosts hosts = new ScriptedHosts().answer("d1", ABSENT).answer("s1", LOST, LOST, LOST, PRESENT);

        assertThat(locate(hosts, Duration.ofSeconds(5))).isEqualTo(Reconciler.Place.SOURCE);
    }

    @Test
    void aHostThatNeverAnswersEndsTheWaitWithItsFailure() {
        ScriptedHosts hosts = new ScriptedHosts().answer("d1", ABSENT).answer("s1", LOST);

        assertThatThrownBy(() -> locate(hosts, Duration.ofMillis(50)))
                .isInstanceOf(TransportException.class).hasMessageContaining("s1").hasMessageContaining("the answer was lost");
    }

    @Test
    void aHostThatCannotAnswerIsNotTakenAsNotHavingTheVm() {
        ScriptedHosts hosts = new ScriptedHosts().answer("d1", ABSENT).answer("s1", BROKEN);

        assertThatThrownBy(() -> locate(hosts, Duration.ofMillis(50)))
                .isInstanceOf(TransportException.class).hasMessageContaining("s1").hasMessageContaining("Get-CimInstance failed");
    }
}
